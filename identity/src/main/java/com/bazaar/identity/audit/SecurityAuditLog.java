package com.bazaar.identity.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.audit.AuditTrailPort;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Security-relevant actions (sign-ins, failures, refresh-token reuse, role changes): appended, never updated, so
 * admins can answer "who did what, when, from where, through which request" for accounts, which are not event
 * sourced. Each entry also joins the admins' audit trail (docs/OPERATIONS.md, "Find who changed X") as an "Account"
 * entry. Blocking.
 */
@Component
public class SecurityAuditLog {

    public enum Action {
        SIGNED_UP,
        SIGNED_IN,
        SIGN_IN_FAILED,
        APPLE_SIGNED_IN,
        APPLE_SIGN_IN_FAILED,
        REFRESH_TOKEN_REUSED,
        LOGGED_OUT,
        ROLES_CHANGED
    }

    /** One entry; {@code subjectId} is the account concerned, {@code actorId} who acted (differs for role changes). */
    @Document("security_audit")
    public record Entry(
            @Id String id,
            Instant at,
            Action action,
            String subjectId,
            String actorId,
            String clientIp,
            String requestId,
            Map<String, Object> details) {}

    private static final Logger log = LoggerFactory.getLogger("bazaar.audit");

    private final MongoTemplate mongo;
    private final Clock clock;
    private final AuditTrailPort auditTrail;

    SecurityAuditLog(MongoTemplate mongo, Clock clock, AuditTrailPort auditTrail) {
        this.mongo = mongo;
        this.clock = clock;
        this.auditTrail = auditTrail;
    }

    public void record(
            Action action,
            String subjectId,
            String actorId,
            String clientIp,
            String requestId,
            Map<String, Object> details) {
        Entry entry = new Entry(
                UUID.randomUUID().toString(),
                clock.instant(),
                action,
                subjectId,
                actorId,
                clientIp,
                requestId,
                Map.copyOf(details));
        mongo.insert(entry);
        auditTrail.record(asAuditEntry(entry));
        log.info("{} subject={} actor={} ip={} details={}", action, subjectId, actorId, clientIp, details);
    }

    private static AuditTrailPort.Entry asAuditEntry(Entry entry) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("subjectId", entry.subjectId());
        payload.put("clientIp", entry.clientIp());
        payload.putAll(entry.details());
        return new AuditTrailPort.Entry(
                entry.id(),
                entry.at(),
                "Account",
                entry.subjectId(),
                pascalCase(entry.action()),
                entry.actorId(),
                entry.requestId(),
                payload);
    }

    /** SIGN_IN_FAILED as "SignInFailed", named like the events of the aggregates beside it in the audit trail. */
    private static String pascalCase(Action action) {
        StringBuilder name = new StringBuilder();
        for (String word : action.name().toLowerCase(Locale.ROOT).split("_")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return name.toString();
    }

    /** Newest first. */
    public List<Entry> forSubject(String subjectId, int limit) {
        return mongo.find(
                Query.query(where("subjectId").is(subjectId))
                        .with(Sort.by(Sort.Order.desc("at"), Sort.Order.desc("_id")))
                        .limit(limit),
                Entry.class);
    }
}
