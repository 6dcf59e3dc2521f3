package com.bazaar.platform.ratelimit;

import java.time.Duration;

/** The caller spent its budget; the edge answers 429 with {@code Retry-After}. */
public class RateLimitExceededException extends RuntimeException {

    private final String limitName;
    private final Duration retryAfter;

    public RateLimitExceededException(String limitName, Duration retryAfter) {
        super("rate limit " + limitName + " exceeded; retry after " + retryAfter);
        this.limitName = limitName;
        this.retryAfter = retryAfter;
    }

    public String limitName() {
        return limitName;
    }

    public Duration retryAfter() {
        return retryAfter;
    }

    /** Whole seconds for the {@code Retry-After} header, rounded up and never 0 (0 would invite an instant retry). */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
