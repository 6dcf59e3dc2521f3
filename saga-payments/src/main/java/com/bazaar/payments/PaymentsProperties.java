package com.bazaar.payments;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Stripe settings (README, "Configuration"; docs/PAYMENTS.md). Every key may be blank: the app then starts and takes
 * no payments.
 *
 * @param stripeApiBase      Stripe's API ({@code STRIPE_API_BASE}); tests point it at a local stand-in
 * @param secretKey          {@code sk_...} ({@code STRIPE_SECRET_KEY}); blank: the saga calls nothing
 * @param publishableKey     {@code pk_...} handed to the app for the PaymentSheet ({@code STRIPE_PUBLISHABLE_KEY})
 * @param webhookSecret      {@code whsec_...} of the webhook endpoint ({@code STRIPE_WEBHOOK_SECRET}); blank: every
 *                           webhook is refused
 * @param webhookTolerance   the oldest signature timestamp accepted (replay protection); Stripe's default is 5 min
 * @param maxNetworkRetries  how often stripe-java retries a request (network errors, 409, 5xx) with back-off
 * @param rateLimitRetries   how often we retry a 429 ourselves (stripe-java does not, unless Stripe says
 *                           {@code Stripe-Should-Retry: true}), with exponential back-off
 * @param rateLimitBackOff   the first wait before retrying a 429; it doubles (with jitter) each time
 * @param rateLimitMaxBackOff the longest wait for a 429, Stripe's {@code Retry-After} included; a 429 asking for a
 *                           longer wait is not retried here (the saga processor or Stripe's redelivery tries later)
 * @param connectTimeout     how long stripe-java waits for a connection ({@code STRIPE_CONNECT_TIMEOUT}); Stripe's
 *                           own default is 30 s
 * @param readTimeout        how long stripe-java waits for an answer ({@code STRIPE_READ_TIMEOUT}); Stripe's default
 *                           is 80 s. A timed-out request is retried with the same idempotency key
 */
@ConfigurationProperties("bazaar.payments")
record PaymentsProperties(
        @DefaultValue("https://api.stripe.com") String stripeApiBase,
        @DefaultValue("") String secretKey,
        @DefaultValue("") String publishableKey,
        @DefaultValue("") String webhookSecret,
        @DefaultValue("5m") Duration webhookTolerance,
        @DefaultValue("2") int maxNetworkRetries,
        @DefaultValue("2") int rateLimitRetries,
        @DefaultValue("500ms") Duration rateLimitBackOff,
        @DefaultValue("5s") Duration rateLimitMaxBackOff,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout) {

    boolean stripeConfigured() {
        return !secretKey.isBlank();
    }
}
