package com.bazaar.operations.audit;

import com.bazaar.platform.readmodel.BatchedWrites;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Copies every event of the store into the audit trail, whatever its aggregate (Listing, Cart, Order, ChatThread and
 * those to come) and whichever store holds it (MongoDB or PostgreSQL). Safe to replay: it only writes copies keyed by
 * event id, and has no side effect outside {@code audit_trail}. The copies of a batch of events (up to the processor's
 * {@code batch-size}) are inserted together at its end ({@link BatchedWrites}).
 */
@Component
@ProcessingGroup(AuditTrailProjection.PROCESSING_GROUP)
class AuditTrailProjection {

    static final String PROCESSING_GROUP = "audit";

    private final AuditTrail auditTrail;

    AuditTrailProjection(AuditTrail auditTrail) {
        this.auditTrail = auditTrail;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> event) {
        BatchedWrites.apply(Copies.class, () -> new Copies(auditTrail), copies -> copies.events.add(event));
    }

    /** The copies of one batch of events, inserted together at its end. */
    private static final class Copies implements BatchedWrites.Buffer {

        private final AuditTrail auditTrail;
        private final List<EventMessage<?>> events = new ArrayList<>();

        Copies(AuditTrail auditTrail) {
            this.auditTrail = auditTrail;
        }

        @Override
        public void flush() {
            auditTrail.copyAll(events);
        }
    }
}
