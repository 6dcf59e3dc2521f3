package com.bazaar.platform.messaging;

import java.time.Duration;
import org.springframework.core.env.Environment;

/**
 * How often an idle event processor touches the token store, and how long a claim lasts without being extended
 * ({@code bazaar.event-processing.claim-interval}, {@code bazaar.event-processing.claim-timeout}).
 *
 * <p>Why not Axon's defaults (5 s and 10 s): every processor's coordinator looks for unclaimed segments, and every
 * claimed segment extends its claim, once per interval, even when no event arrives. With fourteen processors of two
 * segments that was the largest part of an idle node's CPU (docs/PERFORMANCE.md, "Sixth round"). The price is
 * failover: a segment whose node died ({@code kill -9}; a node that stops normally releases its claims) is taken over
 * once its claim has timed out and another coordinator looks, so within {@code timeout + interval} (35 s by default,
 * 15 s with Axon's). The timeout must exceed two intervals: an idle segment's claim is extended at a coordinator's
 * run, which can come up to two intervals after the last extension.
 *
 * @param interval between a coordinator's looks for unclaimed segments, and between two extensions of an idle claim
 * @param timeout  after which a claim not extended may be taken by another node
 */
public record ProcessorClaims(Duration interval, Duration timeout) {

    public ProcessorClaims {
        if (timeout.compareTo(interval.multipliedBy(2)) <= 0) {
            throw new IllegalStateException("bazaar.event-processing.claim-timeout (" + timeout
                    + ") must be more than twice bazaar.event-processing.claim-interval (" + interval + ")");
        }
    }

    public static ProcessorClaims from(Environment environment) {
        return new ProcessorClaims(
                environment.getProperty(
                        "bazaar.event-processing.claim-interval", Duration.class, Duration.ofSeconds(10)),
                environment.getProperty(
                        "bazaar.event-processing.claim-timeout", Duration.class, Duration.ofSeconds(25)));
    }
}
