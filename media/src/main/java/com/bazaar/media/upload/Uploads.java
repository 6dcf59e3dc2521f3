package com.bazaar.media.upload;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.media.MediaProperties;
import com.bazaar.media.storage.ObjectStore;
import com.bazaar.media.storage.ObjectStore.PresignedUpload;
import com.bazaar.media.storage.ObjectStore.StoredObject;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Starting and completing uploads. Blocking (MongoDB and S3). */
@Component
class Uploads {

    /** What the app needs to send the bytes. */
    record StartedUpload(Media media, PresignedUpload url) {}

    private final MediaStore store;
    private final ObjectStore objects;
    private final Renditions renditions;
    private final MediaProperties properties;
    private final Clock clock;

    Uploads(MediaStore store, ObjectStore objects, Renditions renditions, MediaProperties properties, Clock clock) {
        this.clock = clock;
        this.renditions = renditions;
        this.store = store;
        this.objects = objects;
        this.properties = properties;
    }

    /** The record comes first, so an upload whose URL was issued is always known to the cleanup. */
    StartedUpload start(String ownerId, String contentType, long size) {
        Media media = store.insert(new Media(
                UUID.randomUUID().toString(),
                ownerId,
                contentType,
                size,
                MediaStatus.PENDING,
                clock.instant(),
                null,
                null,
                null));
        return new StartedUpload(
                media, objects.presignPut(media.objectKey(), contentType, size, properties.uploadUrlTtl()));
    }

    /**
     * Trusts nothing the app says: the stored object must exist with the declared size and type, and be a picture.
     * The renditions are made before the media turns READY (and so before the 2xx): a node dying half-way leaves it
     * PENDING, and the app's retry makes them again under the same keys. Idempotent: a READY upload answers as it is.
     */
    Media complete(String ownerId, String mediaId) {
        Media media = own(ownerId, mediaId);
        if (media.status() == MediaStatus.READY) {
            return media;
        }
        Optional<StoredObject> stored = objects.head(media.objectKey());
        if (stored.isEmpty()) {
            throw new DomainException(
                    ErrorCode.MEDIA_UPLOAD_MISSING,
                    "Nothing has been uploaded for media " + mediaId + " yet; PUT the bytes to the upload URL first.");
        }
        StoredObject object = stored.get();
        if (object.size() != media.size() || !media.contentType().equals(object.contentType())) {
            throw new DomainException(
                    ErrorCode.MEDIA_UPLOAD_MISMATCH,
                    "The uploaded object has "
                            + object.size() + " bytes of " + object.contentType() + ", but " + media.size()
                            + " bytes of "
                            + media.contentType() + " were declared; request a new upload.");
        }
        renditions.make(media);
        store.markReady(mediaId, clock.instant());
        return own(ownerId, mediaId);
    }

    /** Someone else's upload answers like a missing one, so media ids cannot be probed. */
    Media own(String ownerId, String mediaId) {
        return store.byId(mediaId)
                .filter(media -> media.ownerId().equals(ownerId))
                .orElseThrow(() -> new DomainException(ErrorCode.MEDIA_NOT_FOUND, "No media " + mediaId + "."));
    }
}
