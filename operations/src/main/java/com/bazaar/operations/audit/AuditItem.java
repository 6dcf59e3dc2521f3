package com.bazaar.operations.audit;

import com.bazaar.contracts.common.MetadataKeys;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

/**
 * One entry of the audit trail as the API shows it: a domain event, a security entry ("Account") or a read of the
 * audit itself ("Audit"). Every key is always present, null when it does not apply (no sequence outside aggregates).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
record AuditItem(
        String eventId,
        String aggregateType,
        String aggregateId,
        Long sequence,
        String eventType,
        Instant timestamp,
        String userId,
        String correlationId,
        JsonNode payload) {

    /**
     * An event as the audit shows it. {@code correlationId} is the request that caused it (its X-Request-Id, which
     * the logs carry too), else Axon's correlation id (the message that caused it, for events of event handlers).
     */
    static AuditItem of(EventMessage<?> event, JsonNode payload) {
        Object requestId = event.getMetaData().get(MetadataKeys.REQUEST_ID);
        Object correlationId =
                requestId != null ? requestId : event.getMetaData().get("correlationId");
        Object userId = event.getMetaData().get(MetadataKeys.USER_ID);
        String aggregateType = null;
        String aggregateId = null;
        Long sequence = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        return new AuditItem(
                event.getIdentifier(),
                aggregateType,
                aggregateId,
                sequence,
                event.getPayloadType().getSimpleName(),
                event.getTimestamp(),
                userId == null ? null : userId.toString(),
                correlationId == null ? null : correlationId.toString(),
                payload);
    }

    AuditItem masked() {
        return new AuditItem(
                eventId,
                aggregateType,
                aggregateId,
                sequence,
                eventType,
                timestamp,
                userId,
                correlationId,
                PersonalData.mask(payload));
    }
}
