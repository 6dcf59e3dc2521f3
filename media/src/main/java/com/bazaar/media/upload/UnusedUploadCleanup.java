package com.bazaar.media.upload;

import com.bazaar.contracts.media.ImageRendition;
import com.bazaar.media.MediaProperties;
import com.bazaar.media.storage.ObjectStore;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes uploads no listing ever named once they are older than {@code bazaar.media.unused-max-age} (24 h): the
 * record first, guarded on "still unattached", then the object, so a listing attaching a photo at the same moment
 * either keeps it or is refused by the listing rules (the id no longer exists). An object whose deletion failed is left
 * to the bucket's lifecycle rule (docs/MEDIA.md). Runs on every command node; deleting twice is harmless.
 */
@Component
class UnusedUploadCleanup {

    private static final Logger log = LoggerFactory.getLogger(UnusedUploadCleanup.class);
    private static final int BATCH = 500;

    private final MediaStore store;
    private final ObjectStore objects;
    private final MediaProperties properties;
    private final Clock clock;

    UnusedUploadCleanup(MediaStore store, ObjectStore objects, MediaProperties properties, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.objects = objects;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${bazaar.media.cleanup-interval:1h}",
            initialDelayString = "${bazaar.media.cleanup-interval:1h}")
    @SchedulerLock(
            name = "media-unused-upload-cleanup",
            lockAtMostFor = "${bazaar.media.cleanup-interval:1h}",
            lockAtLeastFor = "${bazaar.media.cleanup-interval:1h}")
    void deleteUnusedUploads() {
        Instant cutoff = clock.instant().minus(properties.unusedMaxAge());
        int deleted = 0;
        List<Media> batch;
        do {
            batch = store.unattachedCreatedBefore(cutoff, BATCH);
            for (Media media : batch) {
                if (store.removeIfUnattached(media.id())) {
                    objects.delete(media.objectKey());
                    for (ImageRendition rendition : ImageRendition.values()) {
                        objects.delete(Media.objectKey(rendition, media.id()));
                    }
                    deleted++;
                }
            }
        } while (batch.size() == BATCH);
        if (deleted > 0) {
            log.info("Deleted {} uploads never attached to a listing and created before {}", deleted, cutoff);
        }
    }
}
