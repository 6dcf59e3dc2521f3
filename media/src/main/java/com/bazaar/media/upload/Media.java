package com.bazaar.media.upload;

import com.bazaar.contracts.media.ImageRendition;
import com.bazaar.contracts.media.MediaStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One upload. State-stored: nothing in the domain reacts to uploads; listings learn about them through the
 * {@code FindMedia} query. {@code completedAt} is set when it became READY, {@code attachedAt} the first time a
 * listing named it (never attached + old = deleted by the cleanup), {@code renditionsAt} when its renditions were made
 * (absent on media made READY before renditions existed, which {@code RenditionBackfill} then makes).
 */
@Document(Media.COLLECTION)
record Media(
        @Id String id,
        String ownerId,
        String contentType,
        long size,
        MediaStatus status,
        Instant createdAt,
        Instant completedAt,
        Instant attachedAt,
        Instant renditionsAt) {

    static final String COLLECTION = "media";

    /** The object key in the bucket; the CDN and {@code GET /media/{id}} serve it. */
    String objectKey() {
        return objectKey(id);
    }

    static String objectKey(String mediaId) {
        return "media/" + mediaId;
    }

    /** A smaller copy beside the original; the public URL ends with the same name. */
    static String objectKey(ImageRendition rendition, String mediaId) {
        return "media/" + rendition.fileName(mediaId);
    }
}
