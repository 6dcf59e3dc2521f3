package com.bazaar.contracts.audit;

import java.time.Instant;
import java.util.Map;

/**
 * Where facts that are not events of an aggregate (identity's security entries, reads of the audit itself) join the
 * admins' audit trail, so one query answers "who did what, when" across the event store and the rest. Implementations
 * store the entry durably before returning and ignore a second call with the same {@code entryId}.
 */
public interface AuditTrailPort {

    /**
     * @param aggregateType what the entry is about, e.g. "Account"
     * @param eventType     what happened, e.g. "SignedIn"
     * @param userId        the acting account, null when unknown (a failed sign-in)
     * @param correlationId the request that caused it
     */
    record Entry(
            String entryId,
            Instant at,
            String aggregateType,
            String aggregateId,
            String eventType,
            String userId,
            String correlationId,
            Map<String, Object> payload) {}

    void record(Entry entry);
}
