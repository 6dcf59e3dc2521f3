package com.bazaar.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counters to alarm on: {@code bazaar.payments.failures} (a payment or refund Stripe refused, tagged with Stripe's
 * error code) and {@code bazaar.webhooks.rejected} (a webhook we did not believe: bad or missing signature, stale
 * timestamp, no secret configured).
 */
@Component
class PaymentMetrics {

    private final MeterRegistry meters;

    PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void paymentFailed(String reason) {
        Counter.builder("bazaar.payments.failures")
                .tag("reason", reason == null ? "unknown" : reason)
                .description("payments and refunds the provider refused")
                .register(meters)
                .increment();
    }

    void webhookRejected(String reason) {
        Counter.builder("bazaar.webhooks.rejected")
                .tag("reason", reason)
                .description("webhook deliveries refused before any effect")
                .register(meters)
                .increment();
    }
}
