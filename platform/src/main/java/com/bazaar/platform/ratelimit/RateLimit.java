package com.bazaar.platform.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * A named budget: at most {@code capacity} requests per {@code period} for one key (an IP, an account), refilled
 * gradually over the period.
 */
public record RateLimit(String name, long capacity, Duration period) {

    public RateLimit {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(period, "period");
        if (capacity < 1 || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("rate limit " + name + " needs a positive capacity and period");
        }
    }
}
