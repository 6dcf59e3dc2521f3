package com.bazaar.operations.audit;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.stereotype.Component;

/**
 * Copies every event of the store into the audit trail, whatever its aggregate (Listing, Cart, Order, ChatThread and
 * those to come) and whichever store holds it (MongoDB or PostgreSQL). Safe to replay: it only writes copies keyed by
 * event id, and has no side effect outside {@code audit_trail}.
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
        auditTrail.copy(event);
    }
}
