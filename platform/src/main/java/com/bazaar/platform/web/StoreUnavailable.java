package com.bazaar.platform.web;

import com.mongodb.MongoConnectionPoolClearedException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import java.util.List;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * MongoDB could not be reached in time (no server selectable, connection refused or reset, primary stepping down):
 * the request did not happen and may be retried, so the answer is a 503 problem, never a 500. The driver's timeouts
 * (README, {@code BAZAAR_STORE_TIMEOUT}) keep it fast. Spring Data translates these into
 * {@link DataAccessResourceFailureException}; Axon wraps them in its own exceptions with the driver's as the cause.
 */
public final class StoreUnavailable {

    /** Seconds a client should wait before retrying: the driver finds a returning server within about a second. */
    public static final long RETRY_AFTER_SECONDS = 1;

    private static final List<Class<? extends Throwable>> CAUSES = List.of(
            MongoTimeoutException.class,
            MongoSocketException.class,
            MongoConnectionPoolClearedException.class,
            MongoNotPrimaryException.class,
            MongoNodeIsRecoveringException.class,
            DataAccessResourceFailureException.class);

    private StoreUnavailable() {}

    public static boolean causedBy(Throwable failure) {
        for (Throwable current = failure; current != null; current = current.getCause()) {
            Throwable candidate = current;
            if (CAUSES.stream().anyMatch(type -> type.isInstance(candidate))) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }

    public static ProblemDetail problem() {
        return Problems.of(
                HttpStatus.SERVICE_UNAVAILABLE,
                "/problems/store-unavailable",
                "Service unavailable",
                "The data store is not reachable right now; nothing was changed. Retry in a moment.");
    }
}
