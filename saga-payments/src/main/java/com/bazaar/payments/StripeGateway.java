package com.bazaar.payments;

import com.bazaar.contracts.common.Money;
import com.stripe.StripeClient;
import com.stripe.exception.CardException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.PaymentIntent;
import com.stripe.model.Refund;
import com.stripe.model.StripeError;
import com.stripe.net.RequestOptions;
import com.stripe.param.PaymentIntentCreateParams;
import com.stripe.param.RefundCreateParams;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The Stripe calls Bazaar makes, through stripe-java. Every call carries an idempotency key derived from the order, so
 * a retry (stripe-java's own on network errors, 409 and 5xx; Resilience4j's on 429; the saga processor's after a crash) can
 * never create a second intent or refund: Stripe answers a repeated key with the first result.
 */
@Component
class StripeGateway {

    /** The PaymentSheet needs the client secret; the rest is what the app shows. */
    record Intent(String id, String clientSecret, long amount, String currency, String status) {}

    /**
     * Stripe refused the request for good (a card error, an invalid request): retrying with the same key would get the
     * same answer, so this is a failure to record, never a retry.
     */
    static final class Refused extends RuntimeException {
        private final String code;

        Refused(StripeException cause) {
            super(cause.getMessage(), cause);
            this.code = cause.getCode() == null ? "invalid_request" : cause.getCode();
        }

        String code() {
            return code;
        }
    }

    /** Stripe could not be reached or failed after every retry; the caller may try again later with the same key. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, StripeException cause) {
            super(message, cause);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(StripeGateway.class);

    private final StripeClient client;
    private final Retry rateLimitRetry;

    StripeGateway(PaymentsProperties properties) {
        this.rateLimitRetry = rateLimitRetry(properties);
        rateLimitRetry
                .getEventPublisher()
                .onRetry(retry -> log.warn(
                        "Stripe rate limited a call (attempt {}); retrying in {} ms with the same idempotency key",
                        retry.getNumberOfRetryAttempts(),
                        retry.getWaitInterval().toMillis()));
        this.client = properties.stripeConfigured()
                ? StripeClient.builder()
                        .setApiKey(properties.secretKey())
                        .setApiBase(properties.stripeApiBase())
                        .setMaxNetworkRetries(properties.maxNetworkRetries())
                        // Bounded, so a Stripe that hangs costs a saga thread seconds, not minutes; the timed-out
                        // request is retried by stripe-java with the same idempotency key.
                        .setConnectTimeout(
                                Math.toIntExact(properties.connectTimeout().toMillis()))
                        .setReadTimeout(Math.toIntExact(properties.readTimeout().toMillis()))
                        .build()
                : null;
    }

    boolean configured() {
        return client != null;
    }

    static String paymentIntentKey(String orderId) {
        return "order-" + orderId + "-payment-intent";
    }

    static String refundKey(String orderId) {
        return "order-" + orderId + "-refund";
    }

    static String cancelKey(String orderId) {
        return "order-" + orderId + "-cancel";
    }

    /** Apple Pay and cards come from the dashboard's automatic payment methods; {@code metadata[orderId]} finds the order. */
    Intent createPaymentIntent(String orderId, Money total) {
        PaymentIntentCreateParams params = PaymentIntentCreateParams.builder()
                .setAmount(total.amount())
                .setCurrency(total.currency().toLowerCase(Locale.ROOT))
                .setAutomaticPaymentMethods(PaymentIntentCreateParams.AutomaticPaymentMethods.builder()
                        .setEnabled(true)
                        .build())
                .putMetadata("orderId", orderId)
                .build();
        PaymentIntent intent =
                call(() -> client.v1().paymentIntents().create(params, options(paymentIntentKey(orderId))));
        return new Intent(
                intent.getId(), intent.getClientSecret(), intent.getAmount(), intent.getCurrency(), intent.getStatus());
    }

    void cancelPaymentIntent(String orderId, String paymentIntentId) {
        call(() -> client.v1().paymentIntents().cancel(paymentIntentId, options(cancelKey(orderId))));
    }

    /** The whole amount back; one refund per order ever, whoever asks (admin, seller, or money for a cancelled order). */
    String refund(String orderId, String paymentIntentId) {
        RefundCreateParams params = RefundCreateParams.builder()
                .setPaymentIntent(paymentIntentId)
                .putMetadata("orderId", orderId)
                .build();
        Refund refund = call(() -> client.v1().refunds().create(params, options(refundKey(orderId))));
        return refund.getId();
    }

    private RequestOptions options(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private <T> T call(StripeCall<T> call) {
        if (client == null) {
            throw new IllegalStateException("Stripe is not configured (no secret key)");
        }
        try {
            // The same call, so the same RequestOptions and idempotency key, on every attempt.
            return rateLimitRetry.executeCheckedSupplier(call::call);
        } catch (RateLimitException limited) {
            throw new Unavailable(
                    "Stripe still answers 429 (rate limited) after at most "
                            + rateLimitRetry.getRetryConfig().getMaxAttempts() + " attempts: " + limited.getMessage(),
                    limited);
        } catch (CardException | InvalidRequestException refused) {
            throw new Refused(refused);
        } catch (StripeException failed) {
            // Authentication and permission errors are ours to fix (a wrong key), not the buyer's: keep retrying.
            throw new Unavailable(failed.getMessage(), failed);
        } catch (RuntimeException | Error unchecked) {
            throw unchecked;
        } catch (Throwable other) {
            throw new IllegalStateException("Stripe call failed", other);
        }
    }

    /**
     * Resilience4j's Retry for 429s only: stripe-java retries network errors, 409 and 5xx itself but a 429 only when
     * Stripe adds {@code Stripe-Should-Retry: true}, and never reads {@code Retry-After}. A 429 asking for a longer
     * wait than {@code rateLimitMaxBackOff} is not retried here: a saga thread should not sleep that long, and the
     * saga processor (or Stripe's webhook redelivery) tries again later with the same key.
     */
    private static Retry rateLimitRetry(PaymentsProperties properties) {
        IntervalFunction exponential = IntervalFunction.ofExponentialRandomBackoff(
                properties.rateLimitBackOff(), 2.0, 0.5, properties.rateLimitMaxBackOff());
        long maxMillis = properties.rateLimitMaxBackOff().toMillis();
        return Retry.of(
                "stripe-rate-limit",
                RetryConfig.custom()
                        .maxAttempts(properties.rateLimitRetries() + 1)
                        .retryOnException(failure -> failure instanceof RateLimitException limited
                                && retryAfter(limited)
                                        .map(wait -> wait.toMillis() <= maxMillis)
                                        .orElse(true))
                        .intervalBiFunction((attempt, outcome) -> waitBefore(
                                exponential.apply(attempt),
                                outcome.isLeft() ? outcome.getLeft() : null,
                                properties.rateLimitMaxBackOff()))
                        .build());
    }

    /** The longer of our back-off and Stripe's {@code Retry-After}, never longer than {@code max}. */
    static long waitBefore(long backOffMillis, Throwable failure, Duration max) {
        long retryAfterMillis = failure instanceof StripeException stripe
                ? retryAfter(stripe).map(Duration::toMillis).orElse(0L)
                : 0L;
        return Math.min(Math.max(backOffMillis, retryAfterMillis), max.toMillis());
    }

    /** Stripe's {@code Retry-After} in seconds, if the error response carried one. */
    static Optional<Duration> retryAfter(StripeException failure) {
        return Optional.ofNullable(failure.getStripeError())
                .map(StripeError::getLastResponse)
                .flatMap(response -> response.headers().firstValue("Retry-After"))
                .map(String::trim)
                .filter(seconds -> seconds.matches("\\d{1,6}"))
                .map(seconds -> Duration.ofSeconds(Long.parseLong(seconds)));
    }
}
