package com.bazaar.media.upload;

import com.bazaar.contracts.common.DomainException;
import java.time.Clock;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes the renditions of media that turned READY before renditions existed (docs/MEDIA.md, "Renditions"); new
 * uploads get theirs in the completion. Once per cluster per run (a lock, like the cleanup); a storage failure ends
 * the run and the next one retries. A legacy photo that cannot be decoded is logged and marked, not retried forever:
 * its original stays served.
 */
@Component
class RenditionBackfill {

    private static final Logger log = LoggerFactory.getLogger(RenditionBackfill.class);
    private static final int BATCH = 100;

    private final MediaStore store;
    private final Renditions renditions;
    private final Clock clock;

    RenditionBackfill(MediaStore store, Renditions renditions, Clock clock) {
        this.store = store;
        this.renditions = renditions;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${bazaar.media.rendition-backfill-interval:10m}",
            initialDelayString = "${bazaar.media.rendition-backfill-interval:10m}")
    @SchedulerLock(name = "media-rendition-backfill", lockAtMostFor = "1h")
    void makeMissingRenditions() {
        List<Media> batch;
        do {
            batch = store.readyWithoutRenditions(BATCH);
            for (Media media : batch) {
                try {
                    renditions.make(media);
                } catch (DomainException badImage) {
                    log.warn("No renditions for media {}: {}", media.id(), badImage.getMessage());
                }
                store.markRenditionsMade(media.id(), clock.instant());
            }
        } while (batch.size() == BATCH);
    }
}
