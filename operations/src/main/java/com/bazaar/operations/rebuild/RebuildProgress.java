package com.bazaar.operations.rebuild;

import java.time.Instant;
import java.util.Date;
import org.bson.Document;

/**
 * Where the last (or running) rebuild of a processor's read model is: {@code status} is {@code rebuilding} while the
 * new generation fills, {@code swapping} while the live processors stop and hand over, then {@code done} or
 * {@code failed}. {@code progress} is the percentage of the stored events the rebuild has handled.
 */
public record RebuildProgress(
        String processor,
        String status,
        int progress,
        Long eventsHandled,
        Long eventsTotal,
        int activeGeneration,
        int targetGeneration,
        Instant startedAt,
        String startedBy,
        String node,
        Instant finishedAt,
        String message) {

    public boolean running() {
        return RebuildStates.RUNNING.contains(status);
    }

    static RebuildProgress of(Document state) {
        return new RebuildProgress(
                state.getString("_id"),
                state.getString(RebuildStates.STATE),
                number(state, RebuildStates.PROGRESS).intValue(),
                nullableLong(state, RebuildStates.HANDLED),
                nullableLong(state, RebuildStates.TOTAL),
                number(state, RebuildStates.ACTIVE).intValue(),
                number(state, RebuildStates.TARGET).intValue(),
                instant(state, RebuildStates.STARTED_AT),
                state.getString(RebuildStates.STARTED_BY),
                state.getString(RebuildStates.NODE),
                instant(state, RebuildStates.FINISHED_AT),
                state.getString(RebuildStates.MESSAGE));
    }

    private static Number number(Document state, String field) {
        return state.get(field) instanceof Number number ? number : 0;
    }

    private static Long nullableLong(Document state, String field) {
        return state.get(field) instanceof Number number ? number.longValue() : null;
    }

    private static Instant instant(Document state, String field) {
        return state.get(field) instanceof Date date ? date.toInstant() : null;
    }
}
