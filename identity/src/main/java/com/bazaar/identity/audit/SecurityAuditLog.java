package com.bazaar.identity.audit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Security-relevant actions (sign-ins, failures, refresh-token reuse, role changes): appended, never updated, so
 * admins can answer "who did what, when, from where, through which request" for accounts, which are not event
 * sourced. Blocking.
 */
@Component
public class SecurityAuditLog {

    public enum Action {
        SIGNED_UP, SIGNED_IN, SIGN_IN_FAILED, APPLE_SIGNED_IN, APPLE_SIGN_IN_FAILED, REFRESH_TOKEN_REUSED,
        LOGGED_OUT, ROLES_CHANGED
    }

    /** One entry; {@code subjectId} is the account concerned, {@code actorId} who acted (differs for role changes). */
    @Document("security_audit")
    public record Entry(@Id String id, Instant at, Action action, String subjectId, String actorId, String clientIp,
                        String requestId, Map<String, Object> details) {
    }

    private static final Logger log = LoggerFactory.getLogger("bazaar.audit");

    private final MongoTemplate mongo;
    private final Clock clock;

    SecurityAuditLog(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    public void record(Action action, String subjectId, String actorId, String clientIp, String requestId,
                       Map<String, Object> details) {
        Entry entry = new Entry(UUID.randomUUID().toString(), clock.instant(), action, subjectId, actorId, clientIp,
                requestId, Map.copyOf(details));
        mongo.insert(entry);
        log.info("{} subject={} actor={} ip={} details={}", action, subjectId, actorId, clientIp, details);
    }

    /** Newest first. */
    public List<Entry> forSubject(String subjectId, int limit) {
        return mongo.find(Query.query(where("subjectId").is(subjectId))
                .with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id"))).limit(limit), Entry.class);
    }
}
