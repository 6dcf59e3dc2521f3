package com.bazaar.operations.deadletters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * What staff did to the system itself (retrying or deleting a dead letter), in the MongoDB collection
 * {@code staff_actions}: appended before the API answers, never updated. These actions change no aggregate, so the
 * event store does not record them; the audit trail (docs/OPERATIONS.md) is meant to include this collection.
 */
@Component
class StaffActions {

    /**
     * @param action   what was done, e.g. {@code dead-letter.retry}
     * @param target   what it was done to, e.g. {@code dead-letters/feed/<event id>}
     * @param outcome  how it ended, e.g. {@code succeeded}, {@code failed-again}, {@code deleted}
     */
    @Document("staff_actions")
    record StaffAction(@Id String id, Instant at, String actorId, String action, String target, String requestId,
                       String outcome) {
    }

    private static final Logger log = LoggerFactory.getLogger("bazaar.audit");

    private final MongoTemplate mongo;
    private final Clock clock;

    StaffActions(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    void record(String actorId, String action, String target, String requestId, String outcome) {
        mongo.insert(new StaffAction(UUID.randomUUID().toString(), clock.instant(), actorId, action, target, requestId,
                outcome));
        log.info("{} target={} actor={} request={} outcome={}", action, target, actorId, requestId, outcome);
    }
}
