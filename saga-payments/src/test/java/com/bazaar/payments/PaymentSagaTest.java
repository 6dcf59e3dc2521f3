package com.bazaar.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.hamcrest.Matchers.instanceOf;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefundRequested;
import com.bazaar.contracts.order.OrderRefunded;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.bazaar.contracts.order.RecordPaymentIntent;
import com.bazaar.contracts.order.ShippingAddress;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The payment saga's decisions in Axon's saga fixture: which commands it sends, which Stripe calls it makes (against
 * a local stand-in answering with Stripe's documented JSON, through the real stripe-java client) and when it ends.
 * Its payment records go to a real Mongo wire server in memory. The whole flow over HTTP is in the app's
 * PaymentFlowTest; this pins the saga's own rules, one event at a time.
 */
class PaymentSagaTest {

    private static final String ORDER = "order-1";
    private static final String INTENT = "pi_3MtwBwLkdIwHu7ix28a3tqPa";
    private static final Money TOTAL = new Money(9350, "EUR");

    private static final WireMockServer stripeApi =
            new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    private static MongoClient mongoClient;

    private SagaTestFixture<PaymentSaga> fixture;
    private PaymentRecords records;
    private SimpleMeterRegistry meters;

    @BeforeAll
    static void startStandIns() {
        stripeApi.start();
        mongoClient = MongoClients.create(mongoServer.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopStandIns() {
        stripeApi.stop();
        mongoClient.close();
        mongoServer.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        stripeApi.resetAll();
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(stripeJson(200, "payment_intent.json")));
        stripeApi.stubFor(
                post("/v1/payment_intents/" + INTENT + "/cancel").willReturn(stripeJson(200, "payment_intent.json")));
        stripeApi.stubFor(post("/v1/refunds").willReturn(stripeJson(200, "refund.json")));
        fixture = sagaWithStripeKey("sk_test_saga");
    }

    private SagaTestFixture<PaymentSaga> sagaWithStripeKey(String secretKey) {
        records = new PaymentRecords(new MongoTemplate(mongoClient, "saga-" + UUID.randomUUID()), Clock.systemUTC());
        meters = new SimpleMeterRegistry();
        StripeGateway stripe = new StripeGateway(new PaymentsProperties(
                stripeApi.baseUrl(),
                secretKey,
                "pk_test",
                "",
                Duration.ofMinutes(5),
                0,
                0,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofSeconds(5),
                Duration.ofSeconds(30)));
        SagaTestFixture<PaymentSaga> saga = new SagaTestFixture<>(PaymentSaga.class);
        saga.registerResource(stripe);
        saga.registerResource(records);
        saga.registerResource(new PaymentMetrics(meters));
        return saga;
    }

    @Test
    void aPlacedOrderGetsOnePaymentIntentAndTheOrderLearnsItsId() {
        fixture.givenNoPriorActivity()
                .whenPublishingA(placed())
                .expectActiveSagas(1)
                .expectAssociationWith("orderId", ORDER)
                .expectDispatchedCommands(new RecordPaymentIntent(ORDER, INTENT));

        stripeApi.verify(
                exactly(1),
                postRequestedFor(urlPathEqualTo("/v1/payment_intents"))
                        .withHeader("Idempotency-Key", equalTo(StripeGateway.paymentIntentKey(ORDER)))
                        .withRequestBody(containing("amount=9350")));
        assertThat(records.find(ORDER)).hasValueSatisfying(payment -> {
            assertThat(payment.paymentIntentId()).isEqualTo(INTENT);
            assertThat(payment.status()).isEqualTo("requires_payment_method");
            assertThat(payment.buyerId()).isEqualTo("buyer-1");
            assertThat(payment.amount()).isEqualTo(9350);
        });
    }

    @Test
    void withoutAStripeKeyNothingIsCalledAndTheSagaEndsAtOnce() {
        sagaWithStripeKey("")
                .givenNoPriorActivity()
                .whenPublishingA(placed())
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();

        stripeApi.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/payment_intents")));
        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("not_configured"));
    }

    @Test
    void aPaymentIntentStripeRefusesFailsThePaymentOnTheOrderAndIsCounted() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(stripeJson(402, "card_error.json")));

        fixture.givenNoPriorActivity()
                .whenPublishingA(placed())
                .expectActiveSagas(1)
                .expectDispatchedCommandsMatching(
                        exactSequenceOf(messageWithPayload(instanceOf(RecordPaymentFailure.class)), andNoMore()));

        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("failed"));
        assertThat(meters.find("bazaar.payments.failures").counter())
                .isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
    }

    @Test
    void cancellingAnOrderCancelsItsIntentAtStripeAndEndsTheSaga() {
        fixture.givenAPublished(placed())
                .whenPublishingA(new OrderCancelled(ORDER, CancellationReason.EXPIRED, List.of("listing-1")))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();

        stripeApi.verify(
                exactly(1),
                postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + INTENT + "/cancel"))
                        .withHeader("Idempotency-Key", equalTo(StripeGateway.cancelKey(ORDER))));
        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("canceled"));
    }

    @Test
    void cancellingAnOrderThatNeverGotAnIntentCallsNobody() {
        stripeApi.stubFor(post("/v1/payment_intents").willReturn(stripeJson(402, "card_error.json")));

        fixture.givenAPublished(placed())
                .whenPublishingA(new OrderCancelled(ORDER, CancellationReason.BUYER, List.of("listing-1")))
                .expectActiveSagas(0);

        stripeApi.verify(exactly(0), postRequestedFor(urlPathMatching("/v1/payment_intents/.*/cancel")));
    }

    @Test
    void aRequestedRefundIsCreatedAtStripeAndTheConfirmedRefundEndsTheSaga() {
        fixture.givenAPublished(placed())
                .whenPublishingA(new OrderRefundRequested(ORDER, INTENT, TOTAL, "admin-1"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();

        stripeApi.verify(
                exactly(1),
                postRequestedFor(urlPathEqualTo("/v1/refunds"))
                        .withHeader("Idempotency-Key", equalTo(StripeGateway.refundKey(ORDER)))
                        .withRequestBody(containing(INTENT)));

        fixture.givenAPublished(placed())
                .andThenAPublished(new OrderRefundRequested(ORDER, INTENT, TOTAL, "admin-1"))
                .whenPublishingA(new OrderRefunded(ORDER, "re_test"))
                .expectActiveSagas(0);
        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("refunded"));
    }

    @Test
    void aRefundStripeRefusesIsCountedAndLeavesTheSagaWaitingForAPerson() {
        stripeApi.stubFor(post("/v1/refunds").willReturn(stripeJson(402, "card_error.json")));

        fixture.givenAPublished(placed())
                .whenPublishingA(new OrderRefundRequested(ORDER, INTENT, TOTAL, "admin-1"))
                .expectActiveSagas(1)
                .expectNoDispatchedCommands();

        assertThat(meters.find("bazaar.payments.failures").counter())
                .isNotNull()
                .satisfies(counter -> assertThat(counter.count()).isEqualTo(1.0));
    }

    @Test
    void eventsOfAnotherOrderDoNotTouchThisSaga() {
        fixture.givenAPublished(placed())
                .whenPublishingA(new OrderCancelled("order-2", CancellationReason.EXPIRED, List.of("listing-2")))
                .expectActiveSagas(1);

        stripeApi.verify(exactly(0), postRequestedFor(urlPathEqualTo("/v1/payment_intents/" + INTENT + "/cancel")));
    }

    private static OrderPlaced placed() {
        Money price = new Money(8900, "EUR");
        Money shipping = new Money(450, "EUR");
        return new OrderPlaced(
                ORDER,
                "buyer-1",
                "seller-1",
                List.of(new OrderLine("listing-1", "Denim jacket", price, 1, shipping)),
                new ShippingAddress("Ada Buyer", "1 Main St", null, "Berlin", "10115", "DE"),
                new OrderTotals(price, shipping, TOTAL),
                Instant.parse("2026-11-30T12:30:00Z"));
    }

    private static ResponseDefinitionBuilder stripeJson(int status, String file) {
        try (InputStream in = PaymentSagaTest.class.getResourceAsStream("/stripe/" + file)) {
            return aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withHeader("Request-Id", "req_test")
                    .withBody(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
