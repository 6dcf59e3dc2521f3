package com.bazaar.operations.deadletters;

import com.bazaar.contracts.audit.AuditTrailPort;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What staff did to the system itself (retrying or deleting a dead letter), written to the admins' audit trail before
 * the API answers (aggregate type {@code DeadLetter}, the letter as aggregate id). These actions change no aggregate,
 * so the event store does not record them; the audit trail does (docs/OPERATIONS.md).
 */
@Component
class StaffActions {

    static final String AUDIT_TYPE = "DeadLetter";
    private static final Logger log = LoggerFactory.getLogger("bazaar.audit");

    private final AuditTrailPort auditTrail;
    private final Clock clock;

    StaffActions(AuditTrailPort auditTrail, Clock clock) {
        this.auditTrail = auditTrail;
        this.clock = clock;
    }

    /**
     * @param action  what was done, e.g. {@code dead-letter.retry}
     * @param target  what it was done to, e.g. {@code dead-letters/feed/<event id>}
     * @param outcome how it ended, e.g. {@code succeeded}, {@code failed-again}, {@code deleted}
     */
    void record(String actorId, String action, String target, String requestId, String outcome) {
        auditTrail.record(new AuditTrailPort.Entry(
                UUID.randomUUID().toString(),
                clock.instant(),
                AUDIT_TYPE,
                target,
                action,
                actorId,
                requestId,
                Map.of("outcome", outcome)));
        log.info("{} target={} actor={} request={} outcome={}", action, target, actorId, requestId, outcome);
    }
}
