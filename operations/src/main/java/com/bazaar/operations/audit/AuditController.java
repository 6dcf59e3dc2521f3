package com.bazaar.operations.audit;

import com.bazaar.contracts.audit.AuditTrailPort;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The audit trail for staff (docs/OPERATIONS.md, "Find who changed X"). The security chain admits ADMIN and SUPPORT
 * only; SUPPORT gets personal fields masked. Every read is itself recorded in the trail, on disk before the answer.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AuditController {

    private static final String ADMIN = "ADMIN";

    record AggregateHistory(String type, String id, List<AuditItem> events) {}

    private final AuditTrail auditTrail;
    private final AggregateReplay replay;
    private final Validator validator;
    private final Clock clock;

    AuditController(AuditTrail auditTrail, AggregateReplay replay, Validator validator, Clock clock) {
        this.auditTrail = auditTrail;
        this.replay = replay;
        this.validator = validator;
        this.clock = clock;
    }

    @GetMapping("/audit")
    Mono<AuditPage> audit(
            @RequestParam(required = false) String aggregateType,
            @RequestParam(required = false) String aggregateId,
            @RequestParam(required = false) String userId,
            @RequestParam(required = false) String eventType,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String order,
            @RequestParam(defaultValue = "" + AuditQuery.DEFAULT_LIMIT) int limit,
            @RequestParam(required = false) String cursor) {
        AuditQuery query = new AuditQuery(
                blankToNull(aggregateType),
                blankToNull(aggregateId),
                blankToNull(userId),
                blankToNull(eventType),
                blankToNull(from),
                blankToNull(to),
                blankToNull(order),
                limit,
                blankToNull(cursor));
        Set<ConstraintViolation<AuditQuery>> violations = validator.validate(query);
        if (!violations.isEmpty()) {
            return Mono.error(new ConstraintViolationException(violations));
        }
        return RequestMetadata.current()
                .flatMap(reader -> Blocking.call(() -> {
                    recordRead(reader, "list", query.asRecorded());
                    AuditPage page = auditTrail.page(query);
                    return admin(reader) ? page : page.masked();
                }));
    }

    @GetMapping("/aggregates/{type}/{id}/history")
    Mono<AggregateHistory> history(@PathVariable String type, @PathVariable String id) {
        return RequestMetadata.current()
                .flatMap(reader -> Blocking.call(() -> {
                    recordRead(reader, "history", Map.of("type", type, "id", id));
                    List<AuditItem> events = replay.history(type, id).stream()
                            .map(event -> AuditItem.of(event, auditTrail.payloadOf(event)))
                            .map(item -> admin(reader) ? item : item.masked())
                            .toList();
                    return new AggregateHistory(type, id, events);
                }));
    }

    @GetMapping("/aggregates/{type}/{id}/state")
    Mono<AggregateReplay.State> state(@PathVariable String type, @PathVariable String id, @RequestParam String at) {
        Instant moment;
        try {
            moment = Instant.parse(at);
        } catch (DateTimeParseException e) {
            return Mono.error(
                    new InvalidInputException("at", "must be an ISO-8601 instant, e.g. 2026-01-31T09:30:00Z"));
        }
        return RequestMetadata.current()
                .flatMap(reader -> Blocking.call(() -> {
                    recordRead(reader, "state", Map.of("type", type, "id", id, "at", moment.toString()));
                    AggregateReplay.State state = replay.stateAt(type, id, moment);
                    return admin(reader)
                            ? state
                            : new AggregateReplay.State(
                                    state.type(),
                                    state.id(),
                                    state.version(),
                                    state.at(),
                                    PersonalData.mask(state.state()));
                }));
    }

    /** Recorded before the answer, and also for reads that then fail (an unknown id): looking is what counts. */
    private void recordRead(RequestMetadata reader, String read, Map<String, Object> what) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("read", read);
        payload.put("of", what);
        payload.put("masked", !admin(reader));
        auditTrail.record(new AuditTrailPort.Entry(
                UUID.randomUUID().toString(),
                clock.instant(),
                "Audit",
                reader.userId(),
                "AuditTrailRead",
                reader.userId(),
                reader.requestId(),
                payload));
    }

    private static boolean admin(RequestMetadata reader) {
        return reader.roles().contains(ADMIN);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
