package com.bazaar.operations.audit;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The filters of {@code GET /api/v1/admin/audit} as sent, checked together so that one answer names every bad field.
 * {@code from}/{@code to} are inclusive ISO-8601 instants on the entry's timestamp.
 */
record AuditQuery(
        @Size(max = 200) String aggregateType,
        @Size(max = 200) String aggregateId,
        @Size(max = 200) String userId,
        @Size(max = 200) String eventType,
        String from,
        String to,

        @Pattern(regexp = "asc|desc", message = "must be asc or desc")
        String order,

        @Min(1) @Max(AuditQuery.MAX_LIMIT) int limit,
        @Size(max = 1000) String cursor) {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;

    AuditQuery {
        order = order == null ? "desc" : order;
    }

    boolean ascending() {
        return "asc".equals(order);
    }

    Instant fromInstant() {
        return parse(from);
    }

    Instant toInstant() {
        return parse(to);
    }

    // Bean Validation reads these as the properties "from" and "to": the error names the parameter people sent.
    @AssertTrue(message = "must be an ISO-8601 instant, e.g. 2026-01-31T09:30:00Z")
    boolean isFrom() {
        return from == null || parsable(from);
    }

    @AssertTrue(message = "must be an ISO-8601 instant, e.g. 2026-01-31T18:00:00Z, not before from")
    boolean isTo() {
        return to == null
                || parsable(to)
                        && (from == null || !parsable(from) || !parse(from).isAfter(parse(to)));
    }

    /** What a cursor is bound to: the filters and the order, not the page size. */
    String fingerprint() {
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("aggregateType", aggregateType);
        filters.put("aggregateId", aggregateId);
        filters.put("userId", userId);
        filters.put("eventType", eventType);
        filters.put("from", from == null ? null : parse(from).toString());
        filters.put("to", to == null ? null : parse(to).toString());
        filters.put("order", order);
        return Integer.toHexString(filters.toString().hashCode());
    }

    /** The filters as they go into the record of this read. */
    Map<String, Object> asRecorded() {
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("aggregateType", aggregateType);
        filters.put("aggregateId", aggregateId);
        filters.put("userId", userId);
        filters.put("eventType", eventType);
        filters.put("from", from);
        filters.put("to", to);
        filters.put("order", order);
        filters.put("limit", limit);
        filters.put("cursor", cursor);
        filters.values().removeIf(java.util.Objects::isNull);
        return filters;
    }

    private static boolean parsable(String instant) {
        try {
            Instant.parse(instant);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static Instant parse(String instant) {
        return instant == null ? null : Instant.parse(instant);
    }
}
