package com.bazaar.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.bazaar.contracts.common.Money;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * stripe-java as we configure it, against a local stand-in answering with Stripe's documented JSON: what we send,
 * which failures are retried (always with the same idempotency key) and which are not.
 */
class StripeGatewayTest {

    /** Tiny waits: the tests check how often and with what the gateway retries, not how long it sleeps. */
    private static final Duration TINY_WAIT = Duration.ofMillis(1);

    private static final Duration LONGEST_WAIT = Duration.ofMillis(50);

    private static final WireMockServer stripeApi =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private StripeGateway gateway;

    @BeforeAll
    static void startStandIn() {
        stripeApi.start();
    }

    @AfterAll
    static void stopStandIn() {
        stripeApi.stop();
    }

    @BeforeEach
    void setUp() {
        stripeApi.resetAll();
        gateway = new StripeGateway(new PaymentsProperties(
                stripeApi.baseUrl(),
                "sk_test_gateway",
                "pk_test_gateway",
                "",
                Duration.ofMinutes(5),
                2,
                2,
                TINY_WAIT,
                LONGEST_WAIT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
    }

    @Test
    void aPaymentIntentIsCreatedWithTheOrdersAmountCurrencyMetadataAndIdempotencyKey() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(json(200, "payment_intent.json")));

        StripeGateway.Intent intent = gateway.createPaymentIntent("order-1", new Money(9350, "EUR"));

        assertThat(intent)
                .isEqualTo(new StripeGateway.Intent(
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa",
                        "pi_3MtwBwLkdIwHu7ix28a3tqPa_secret_YrKJUKribcBjcG8HVhfZluoGH",
                        9350,
                        "eur",
                        "requires_payment_method"));
        LoggedRequest sent = only(requestsTo("/v1/payment_intents"));
        assertThat(sent.getHeader("Authorization")).isEqualTo("Bearer sk_test_gateway");
        assertThat(sent.getHeader("Idempotency-Key")).isEqualTo("order-order-1-payment-intent");
        assertThat(sent.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(sent.formParameters())
                .containsKeys("amount", "currency", "metadata[orderId]", "automatic_payment_methods[enabled]");
        assertThat(sent.formParameters().get("amount").firstValue()).isEqualTo("9350");
        assertThat(sent.formParameters().get("currency").firstValue()).isEqualTo("eur");
        assertThat(sent.formParameters().get("metadata[orderId]").firstValue()).isEqualTo("order-1");
        assertThat(sent.formParameters()
                        .get("automatic_payment_methods[enabled]")
                        .firstValue())
                .isEqualTo("true");
    }

    @Test
    void serverErrorsAreRetriedWithTheSameIdempotencyKeyAndOneIntentComesOut() {
        stripeApi.stubFor(post("/v1/payment_intents")
                .inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(500, "api_error.json"))
                .willSetStateTo("failed once"));
        stripeApi.stubFor(post("/v1/payment_intents")
                .inScenario("flaky")
                .whenScenarioStateIs("failed once")
                .willReturn(json(500, "api_error.json"))
                .willSetStateTo("failed twice"));
        stripeApi.stubFor(post("/v1/payment_intents")
                .inScenario("flaky")
                .whenScenarioStateIs("failed twice")
                .willReturn(json(200, "payment_intent.json")));

        StripeGateway.Intent intent = gateway.createPaymentIntent("order-1", new Money(9350, "EUR"));

        assertThat(intent.id()).isEqualTo("pi_3MtwBwLkdIwHu7ix28a3tqPa");
        List<LoggedRequest> sent = requestsTo("/v1/payment_intents");
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("order-order-1-payment-intent");
    }

    @Test
    void twoRateLimitsThenSuccessGiveOneRefundFromThreeRequestsWithOneKey() {
        stripeApi.stubFor(post("/v1/refunds")
                .inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(429, "rate_limit.json"))
                .willSetStateTo("still busy"));
        stripeApi.stubFor(post("/v1/refunds")
                .inScenario("busy")
                .whenScenarioStateIs("still busy")
                .willReturn(json(429, "rate_limit.json"))
                .willSetStateTo("calm"));
        stripeApi.stubFor(post("/v1/refunds")
                .inScenario("busy")
                .whenScenarioStateIs("calm")
                .willReturn(json(200, "refund.json")));

        assertThat(gateway.refund("order-1", "pi_3MtwBwLkdIwHu7ix28a3tqPa")).isEqualTo("re_1Nispe2eZvKYlo2Cd31jOCgZ");

        List<LoggedRequest> sent = requestsTo("/v1/refunds");
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("order-order-1-refund");
        assertThat(sent)
                .extracting(request ->
                        request.formParameters().get("payment_intent").firstValue())
                .containsOnly("pi_3MtwBwLkdIwHu7ix28a3tqPa");
    }

    @Test
    void aRateLimitThatNeverEndsFailsClearlyAfterABoundedNumberOfAttempts() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(json(429, "rate_limit.json")));

        assertThatThrownBy(() -> gateway.createPaymentIntent("order-1", new Money(9350, "EUR")))
                .isInstanceOf(StripeGateway.Unavailable.class)
                .hasMessageContaining("429")
                .hasMessageContaining("3 attempts");
        List<LoggedRequest> sent = requestsTo("/v1/payment_intents");
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("order-order-1-payment-intent");
    }

    @Test
    void aRetryAfterLongerThanWeWaitIsNotRetriedHereButLeftToTheCallersRetry() {
        stripeApi.stubFor(
                post("/v1/refunds").willReturn(json(429, "rate_limit.json").withHeader("Retry-After", "1")));

        assertThatThrownBy(() -> gateway.refund("order-1", "pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                .isInstanceOf(StripeGateway.Unavailable.class);
        assertThat(requestsTo("/v1/refunds")).hasSize(1);
    }

    @Test
    void theWaitIsOurBackOffOrStripesRetryAfterWhicheverIsLongerAndBounded() {
        stripeApi.stubFor(
                post("/v1/refunds").willReturn(json(429, "rate_limit.json").withHeader("Retry-After", "2")));
        StripeException withRetryAfter = rateLimitFrom(gateway);
        stripeApi.stubFor(post("/v1/refunds").willReturn(json(429, "rate_limit.json")));
        StripeException without = rateLimitFrom(gateway);

        assertThat(StripeGateway.retryAfter(withRetryAfter)).contains(Duration.ofSeconds(2));
        assertThat(StripeGateway.retryAfter(without)).isEmpty();
        assertThat(StripeGateway.waitBefore(500, withRetryAfter, Duration.ofSeconds(5)))
                .isEqualTo(2000);
        assertThat(StripeGateway.waitBefore(500, without, Duration.ofSeconds(5)))
                .isEqualTo(500);
        assertThat(StripeGateway.waitBefore(4000, withRetryAfter, Duration.ofSeconds(5)))
                .isEqualTo(4000);
        assertThat(StripeGateway.waitBefore(500, withRetryAfter, Duration.ofSeconds(1)))
                .isEqualTo(1000);
    }

    /** The 429 stripe-java raises, as the gateway sees it before deciding to wait. */
    private static StripeException rateLimitFrom(StripeGateway gateway) {
        Throwable failure = catchThrowable(() -> gateway.refund("order-1", "pi_3MtwBwLkdIwHu7ix28a3tqPa"));
        assertThat(failure).isInstanceOf(StripeGateway.Unavailable.class).hasCauseInstanceOf(RateLimitException.class);
        return (StripeException) failure.getCause();
    }

    @Test
    void aCardErrorIsARefusalNotARetry() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(json(402, "card_error.json")));
        stripeApi.stubFor(post("/v1/refunds").willReturn(json(402, "card_error.json")));

        assertThatThrownBy(() -> gateway.createPaymentIntent("order-1", new Money(9350, "EUR")))
                .isInstanceOfSatisfying(
                        StripeGateway.Refused.class,
                        refused -> assertThat(refused.code()).isEqualTo("card_declined"));
        assertThatThrownBy(() -> gateway.refund("order-1", "pi_3MtwBwLkdIwHu7ix28a3tqPa"))
                .isInstanceOf(StripeGateway.Refused.class);

        assertThat(requestsTo("/v1/payment_intents")).hasSize(1);
        assertThat(requestsTo("/v1/refunds")).hasSize(1);
    }

    @Test
    void stripeDownAfterEveryRetryIsUnavailableSoTheCallerTriesAgainLater() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(json(503, "api_error.json")));

        assertThatThrownBy(() -> gateway.createPaymentIntent("order-1", new Money(9350, "EUR")))
                .isInstanceOf(StripeGateway.Unavailable.class);
        assertThat(requestsTo("/v1/payment_intents")).hasSize(3);
    }

    @Test
    void cancellingSendsTheCancelRequestWithItsOwnKey() {
        stripeApi.stubFor(post("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/cancel")
                .willReturn(json(200, "payment_intent.json")));

        gateway.cancelPaymentIntent("order-1", "pi_3MtwBwLkdIwHu7ix28a3tqPa");

        stripeApi.verify(
                1,
                postRequestedFor(urlPathEqualTo("/v1/payment_intents/pi_3MtwBwLkdIwHu7ix28a3tqPa/cancel"))
                        .withHeader("Idempotency-Key", equalTo("order-order-1-cancel")));
    }

    @Test
    void withoutASecretKeyNothingIsConfiguredAndNothingIsCalled() {
        StripeGateway unconfigured = new StripeGateway(new PaymentsProperties(
                stripeApi.baseUrl(),
                "",
                "",
                "",
                Duration.ofMinutes(5),
                2,
                2,
                TINY_WAIT,
                LONGEST_WAIT,
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)));

        assertThat(unconfigured.configured()).isFalse();
        assertThatThrownBy(() -> unconfigured.createPaymentIntent("order-1", new Money(100, "EUR")))
                .isInstanceOf(IllegalStateException.class);
        assertThat(stripeApi.getAllServeEvents()).isEmpty();
    }

    private static List<LoggedRequest> requestsTo(String path) {
        return stripeApi.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    private static LoggedRequest only(List<LoggedRequest> requests) {
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String file) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_test")
                .withBody(resource(file));
    }

    private static String resource(String file) {
        try (InputStream in = StripeGatewayTest.class.getResourceAsStream("/stripe/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
