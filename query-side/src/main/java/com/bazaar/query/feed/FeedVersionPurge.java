package com.bazaar.query.feed;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Instant;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes feed versions no snapshot can still need: superseded or removed longer than the retention ago. Cursors
 * older than the retention are refused as expired, so no page ever reads a purged version.
 */
@Component
class FeedVersionPurge {

    private static final Logger log = LoggerFactory.getLogger(FeedVersionPurge.class);

    private final MongoTemplate mongo;
    private final FeedSettings settings;

    FeedVersionPurge(MongoTemplate mongo, FeedSettings settings) {
        this.mongo = mongo;
        this.settings = settings;
    }

    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT1M")
    @SchedulerLock(name = "feed-version-purge", lockAtMostFor = "PT15M", lockAtLeastFor = "PT15M")
    void purge() {
        long deleted = purgeBefore(settings.clock().instant().minus(settings.retention()));
        if (deleted > 0) {
            log.info("Purged {} superseded feed versions", deleted);
        }
    }

    long purgeBefore(Instant cutoff) {
        long closed = mongo.remove(query(where("validTo").lt(cutoff)), FeedVersion.class)
                .getDeletedCount();
        long removed = mongo.remove(query(where("removedAt").lt(cutoff)), FeedVersion.class)
                .getDeletedCount();
        return closed + removed;
    }
}
