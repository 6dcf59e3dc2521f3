package com.bazaar.app.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.order.OrderCouldNotBeFulfilled;
import com.bazaar.contracts.order.OrderPaid;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Payments over real HTTP against the real application, with stripe-java talking to a local Stripe stand-in and
 * webhooks signed for real with the endpoint secret: checkout → PaymentSheet details → paid by webhook → refund, and
 * everything a webhook endpoint must survive (forgeries, replays, duplicates, concurrency, any order of delivery).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentFlowTest {

    @TempDir
    static Path dataDir;

    private static final Duration STRIPE_READ_TIMEOUT = Duration.ofSeconds(4);

    private static StripeStandIn stripe;
    private static RunningBazaar bazaar;
    private static User seller;
    private static User admin;

    @BeforeAll
    void start() {
        stripe = new StripeStandIn();
        bazaar = startBazaar(
                dataDir,
                "--bazaar.auth.admin-emails=payments-ops@example.com",
                "--bazaar.payments.stripe-api-base=" + stripe.apiBase(),
                "--bazaar.payments.secret-key=" + StripeStandIn.SECRET_KEY,
                "--bazaar.payments.publishable-key=" + StripeStandIn.PUBLISHABLE_KEY,
                "--bazaar.payments.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET,
                // Short, so a Stripe that hangs is given up on (and asked again) within the tests' patience; not much
                // shorter, or the stand-in's answers on a busy machine would time out too.
                "--bazaar.payments.read-timeout=" + STRIPE_READ_TIMEOUT.toMillis() + "ms");
        seller = bazaar.signUp("Payments Seller");
        admin = bazaar.signUp("Payments Ops", "payments-ops@example.com");
    }

    /** Where the payments run; {@link PaymentFlowOnPostgresTest} keeps the saga and its events in PostgreSQL. */
    RunningBazaar startBazaar(Path dataDir, String... arguments) {
        return RunningBazaar.start(dataDir, arguments);
    }

    @AfterAll
    void stop() {
        bazaar.close();
        stripe.close();
    }

    @BeforeEach
    void resetStripe() {
        stripe.stubDefaults();
    }

    @Test
    void aBuyerPaysThroughStripeAndAnAdminRefunds() {
        User buyer = bazaar.signUp("Paying Buyer");
        String listingId = bazaar.publishedListing(seller, "Leather boots", 8900);
        String orderId = checkOut(buyer, listingId);

        // The PaymentSheet's details, for the buyer only.
        JsonNode payment = awaitPayment(buyer, orderId);
        String paymentIntentId = payment.get("paymentIntentId").asText();
        assertThat(paymentIntentId).isEqualTo("pi_" + orderId);
        assertThat(payment.get("clientSecret").asText())
                .isEqualTo(paymentIntentId + "_secret_YrKJUKribcBjcG8HVhfZluoGH");
        assertThat(payment.get("publishableKey").asText()).isEqualTo(StripeStandIn.PUBLISHABLE_KEY);
        assertThat(payment.get("amount").asLong()).isEqualTo(8900 + 450);
        assertThat(payment.get("currency").asText()).isEqualTo("EUR");
        assertThat(payment.get("status").asText()).isEqualTo("requires_payment_method");
        for (User other : List.of(seller, admin, bazaar.signUp("Curious Stranger"))) {
            bazaar.as(other)
                    .get()
                    .uri("/api/v1/orders/{id}/payment", orderId)
                    .exchange()
                    .expectStatus()
                    .isNotFound()
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/order-not-found");
        }

        // What we asked Stripe for.
        LoggedRequest created = intentRequestOf(orderId);
        assertThat(created.getHeader("Authorization")).isEqualTo("Bearer " + StripeStandIn.SECRET_KEY);
        assertThat(created.getHeader("Idempotency-Key")).contains(orderId);
        assertThat(created.formParameters().get("amount").firstValue()).isEqualTo("9350");
        assertThat(created.formParameters().get("currency").firstValue()).isEqualTo("eur");
        assertThat(created.formParameters()
                        .get("automatic_payment_methods[enabled]")
                        .firstValue())
                .isEqualTo("true");
        // The client secret never reaches the event store.
        assertThat(history(orderId)).noneMatch(event -> event.toString().contains("_secret_"));

        // Stripe reports the payment: paid, sold, out of the cart, receipted.
        deliver(StripeStandIn.succeeded(paymentIntentId, orderId))
                .expectStatus()
                .isOk();
        awaitStatus(buyer, orderId, "PAID");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(history(listingId))
                        .anyMatch(event -> event instanceof ListingSold sold
                                && sold.orderId().equals(orderId)));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> bazaar.as(buyer)
                        .get()
                        .uri("/api/v1/cart")
                        .exchange()
                        .expectBody()
                        .jsonPath("$.lines")
                        .isEmpty());
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}/receipt", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paymentReference")
                .isEqualTo(paymentIntentId);

        // Refunds: not for the buyer; an admin asks, Stripe is asked, Stripe confirms.
        refund(buyer, orderId).expectStatus().isNotFound();
        refund(admin, orderId).expectStatus().isAccepted();
        LoggedRequest refund = await().atMost(Duration.ofSeconds(10))
                .until(() -> refundRequestFor(paymentIntentId), found -> found != null);
        assertThat(refund.getHeader("Idempotency-Key")).contains(orderId).endsWith("refund");
        deliver(StripeStandIn.chargeRefunded(paymentIntentId, "re_" + orderId))
                .expectStatus()
                .isOk();
        awaitStatus(buyer, orderId, "REFUNDED");
        refund(admin, orderId)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/order-transition-not-allowed");
    }

    @Test
    void theFirstReadOfThePaymentWithTheCheckoutsTokenFindsTheIntent() {
        for (int i = 0; i < 3; i++) {
            User buyer = bazaar.signUp("Hasty Buyer " + i);
            String listingId = bazaar.publishedListing(seller, "Hasty lamp " + i, 3100);
            Carts.add(bazaar, buyer, listingId);
            EntityExchangeResult<JsonNode> checkout = bazaar.as(buyer)
                    .post()
                    .uri("/api/v1/checkout")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult();
            String token = checkout.getResponseHeaders().getFirst("Bazaar-Consistency");
            assertThat(token).as("try %d", i).isNotBlank();
            String orderId = checkout.getResponseBody().at("/orders/0/id").asText();

            // No waiting: the app reads the payment once, right after checkout, with the token checkout gave it.
            bazaar.as(buyer)
                    .get()
                    .uri("/api/v1/orders/{id}/payment", orderId)
                    .header("Bazaar-Consistency", token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.paymentIntentId")
                    .isEqualTo("pi_" + orderId);
        }
    }

    @Test
    void theSellerMayRefundOnlyBeforeShipping() {
        User buyer = bazaar.signUp("Shipped Buyer");
        String orderId = paidOrder(buyer, "Desk lamp", 3000).orderId();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/orders/{id}/ship", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JJD000390007"))
                .exchange()
                .expectStatus()
                .isNoContent();

        refund(seller, orderId).expectStatus().isEqualTo(409);
        refund(admin, orderId).expectStatus().isAccepted();
    }

    @Test
    void forgedStaleOrUnsignedWebhooksAreRefusedAndChangeNothing() {
        User buyer = bazaar.signUp("Forgery Target");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Vinyl records", 4000));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();
        String payload = StripeStandIn.succeeded(paymentIntentId, orderId);
        double rejectedBefore = rejectedWebhooks();

        String tampered = payload.replace("\"amount\": 9350", "\"amount\": 1");
        refused(tampered, StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, Instant.now()));
        refused(payload, StripeStandIn.signature(payload, "whsec_someone_else", Instant.now()));
        refused(
                payload,
                StripeStandIn.signature(
                        payload, StripeStandIn.WEBHOOK_SECRET, Instant.now().minus(Duration.ofMinutes(6))));
        bazaar.http()
                .post()
                .uri("/api/v1/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(payload)
                .exchange()
                .expectStatus()
                .isBadRequest();

        assertThat(rejectedWebhooks() - rejectedBefore).isEqualTo(4);
        assertThat(bazaar.bean(MeterRegistry.class)
                        .get("bazaar.webhooks.rejected")
                        .tag("reason", "stale")
                        .counter()
                        .count())
                .isPositive();
        assertThat(bazaar.bean(MeterRegistry.class)
                        .get("bazaar.webhooks.rejected")
                        .tag("reason", "missing-signature")
                        .counter()
                        .count())
                .isPositive();
        staysInStatus(buyer, orderId, "PENDING_PAYMENT");
        assertThat(history(orderId)).noneMatch(OrderPaid.class::isInstance);
    }

    @Test
    void tenConcurrentDeliveriesOfOneEventPayOnce() throws Exception {
        User buyer = bazaar.signUp("Concurrent Buyer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Road bike", 45000));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();
        String payload = StripeStandIn.succeeded(paymentIntentId, orderId);

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Callable<Integer>> deliveries = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                deliveries.add(() ->
                        deliver(payload).returnResult(String.class).getStatus().value());
            }
            for (Future<Integer> status : pool.invokeAll(deliveries)) {
                assertThat(status.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdown();
        }

        awaitStatus(buyer, orderId, "PAID");
        assertThat(history(orderId)).filteredOn(OrderPaid.class::isInstance).hasSize(1);
        // And once more later: a duplicate answers 2xx and changes nothing.
        deliver(payload).expectStatus().isOk();
        assertThat(history(orderId)).filteredOn(OrderPaid.class::isInstance).hasSize(1);
    }

    @Test
    void lateAndOutOfOrderReportsEndInTheRightState() {
        User buyer = bazaar.signUp("Out Of Order");
        // A failure reported after the success belongs to an earlier attempt: the order stays paid.
        String paidFirst = checkOut(buyer, bazaar.publishedListing(seller, "Tent", 9000));
        String firstIntent =
                awaitPayment(buyer, paidFirst).get("paymentIntentId").asText();
        deliver(StripeStandIn.succeeded(firstIntent, paidFirst)).expectStatus().isOk();
        deliver(StripeStandIn.failed(firstIntent, paidFirst)).expectStatus().isOk();
        awaitStatus(buyer, paidFirst, "PAID");
        assertThat(history(paidFirst))
                .noneMatch(event -> event.getClass().getSimpleName().equals("OrderPaymentFailed"));

        // A failed attempt, then a successful one: paid.
        String failedFirst = checkOut(buyer, bazaar.publishedListing(seller, "Sleeping bag", 5000));
        String secondIntent =
                awaitPayment(buyer, failedFirst).get("paymentIntentId").asText();
        deliver(StripeStandIn.failed(secondIntent, failedFirst)).expectStatus().isOk();
        awaitStatus(buyer, failedFirst, "PAYMENT_FAILED");
        deliver(StripeStandIn.succeeded(secondIntent, failedFirst))
                .expectStatus()
                .isOk();
        awaitStatus(buyer, failedFirst, "PAID");

        // Types we do not handle are acknowledged.
        deliver(StripeStandIn.event("customer.created", "{\"id\": \"cus_NffrFeUfNV2Hib\", \"object\": \"customer\"}"))
                .expectStatus()
                .isOk();
    }

    @Test
    void aCancelledIntentIsShownToTheBuyerAndLeavesTheOrderToItsDeadline() {
        User buyer = bazaar.signUp("Cancelled Intent");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Desk chair", 6000));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();

        deliver(StripeStandIn.event(
                        "payment_intent.canceled", StripeStandIn.paymentIntent(paymentIntentId, "canceled", "6450")))
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> "canceled"
                        .equals(bazaar.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}/payment", orderId)
                                .exchange()
                                .returnResult(JsonNode.class)
                                .getResponseBody()
                                .blockFirst()
                                .path("status")
                                .asText()));
        // Stripe's cancellation does not end the order: it waits for its own deadline (docs/PAYMENTS.md).
        staysInStatus(buyer, orderId, "PENDING_PAYMENT");
        assertThat(history(orderId))
                .noneMatch(event -> event.getClass().getSimpleName().equals("OrderCancelled"));
    }

    @Test
    void moneyForACancelledOrderIsRefundedAutomatically() {
        User buyer = bazaar.signUp("Too Late Buyer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Guitar", 20000));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isNoContent();
        awaitStatus(buyer, orderId, "CANCELLED");

        deliver(StripeStandIn.succeeded(paymentIntentId, orderId))
                .expectStatus()
                .isOk();

        assertThat(refundRequestFor(paymentIntentId)).isNotNull();
        assertThat(history(orderId)).noneMatch(OrderPaid.class::isInstance);
        // Stripe's confirmation of that refund is acknowledged and the order stays cancelled.
        deliver(StripeStandIn.chargeRefunded(paymentIntentId, "re_" + orderId))
                .expectStatus()
                .isOk();
        awaitStatus(buyer, orderId, "CANCELLED");
    }

    @Test
    void aDeclinedIntentCreationIsAPaymentFailureNotARetry() {
        // 5,555 + 450 shipping: only this order's intent is declined.
        stripe.server()
                .stubFor(post("/v1/payment_intents")
                        .atPriority(1)
                        .withFormParam("amount", equalTo("6005"))
                        .willReturn(StripeStandIn.cardDeclined()));
        double failuresBefore = paymentFailures();
        User buyer = bazaar.signUp("Declined Buyer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Typewriter", 5555));

        awaitStatus(buyer, orderId, "PAYMENT_FAILED");
        assertThat(stripe.requestsTo("/v1/payment_intents"))
                .filteredOn(request -> request.getBodyAsString().contains(orderId))
                .hasSize(1);
        assertThat(paymentFailures() - failuresBefore).isEqualTo(1);
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}/payment", orderId)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payment-not-ready");
    }

    @Test
    void stripeFailingTwiceThenAnsweringGivesOneIntentFromRequestsWithOneKey() {
        // 7,750 + 450 shipping: only this order's intent creation fails twice.
        stripe.server()
                .stubFor(post("/v1/payment_intents")
                        .atPriority(1)
                        .withFormParam("amount", equalTo("8200"))
                        .inScenario("flaky")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(StripeStandIn.serverError())
                        .willSetStateTo("failed once"));
        stripe.server()
                .stubFor(post("/v1/payment_intents")
                        .atPriority(1)
                        .withFormParam("amount", equalTo("8200"))
                        .inScenario("flaky")
                        .whenScenarioStateIs("failed once")
                        .willReturn(StripeStandIn.serverError())
                        .willSetStateTo("recovered"));
        User buyer = bazaar.signUp("Patient Buyer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Bookshelf", 7750));

        assertThat(awaitPayment(buyer, orderId).get("paymentIntentId").asText()).isEqualTo("pi_" + orderId);
        List<LoggedRequest> sent = stripe.requestsTo("/v1/payment_intents").stream()
                .filter(request -> request.getBodyAsString().contains(orderId))
                .toList();
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly(sent.get(0).getHeader("Idempotency-Key"));
        // The saga records the intent for the PaymentSheet first and tells the order a moment later.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(history(orderId))
                        .filteredOn(event -> event.getClass().getSimpleName().equals("PaymentIntentCreated"))
                        .hasSize(1));
    }

    @Test
    void aDeclinedRefundIsCountedNotRetried() {
        User buyer = bazaar.signUp("Refund Declined");
        Paid paid = paidOrder(buyer, "Camera lens", 30000);
        String orderId = paid.orderId();
        String paymentIntentId = paid.paymentIntentId();
        stripe.server()
                .stubFor(post("/v1/refunds")
                        .atPriority(1)
                        .withFormParam("payment_intent", equalTo(paymentIntentId))
                        .willReturn(StripeStandIn.cardDeclined()));
        double failuresBefore = paymentFailures();

        refund(admin, orderId).expectStatus().isAccepted();

        await().atMost(Duration.ofSeconds(10)).until(() -> paymentFailures() - failuresBefore == 1);
        // "Not retried" over a window long enough for stripe-java's retries and the saga's own to have happened.
        await().during(Duration.ofSeconds(4))
                .atMost(Duration.ofSeconds(6))
                .until(() -> paymentFailures() - failuresBefore == 1
                        && stripe.requestsTo("/v1/refunds").stream()
                                        .filter(request ->
                                                request.getBodyAsString().contains(paymentIntentId))
                                        .count()
                                == 1);
        assertThat(status(buyer, orderId)).isEqualTo("PAID");
        assertThat(history(orderId))
                .noneMatch(event -> event.getClass().getSimpleName().equals("OrderRefunded"));
    }

    @Test
    void aPaymentForAListingThatWentToAnotherOrderIsRefundedAndTheBuyerIsTold() {
        ListAppender<ILoggingEvent> notifications = new ListAppender<>();
        notifications.start();
        Logger notifier = (Logger) LoggerFactory.getLogger("com.bazaar.payments.LoggingNotifications");
        notifier.addAppender(notifications);
        try {
            User late = bazaar.signUp("Late Payer");
            String listingId = bazaar.publishedListing(seller, "Record player", 12000);
            String lateOrder = checkOut(late, listingId);
            String lateIntent =
                    awaitPayment(late, lateOrder).get("paymentIntentId").asText();
            // The order's hold on the listing is lost behind its back (what the old part-way checkout did), and
            // someone else buys and pays for the listing.
            bazaar.bean(CommandGateway.class).sendAndWait(new ReleaseListingReservation(listingId, lateOrder));
            User quick = bazaar.signUp("Quick Payer");
            String quickOrder = checkOut(quick, listingId);
            deliver(StripeStandIn.succeeded(
                            awaitPayment(quick, quickOrder)
                                    .get("paymentIntentId")
                                    .asText(),
                            quickOrder))
                    .expectStatus()
                    .isOk();
            awaitStatus(quick, quickOrder, "PAID");

            // Now the first buyer's money arrives: the order is paid, but its listing is gone.
            deliver(StripeStandIn.succeeded(lateIntent, lateOrder))
                    .expectStatus()
                    .isOk();

            LoggedRequest refund = await().atMost(Duration.ofSeconds(10))
                    .until(() -> refundRequestFor(lateIntent), found -> found != null);
            assertThat(refund.getHeader("Idempotency-Key")).isEqualTo("order-" + lateOrder + "-refund");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> notifications.list.stream()
                            .anyMatch(line -> line.getFormattedMessage()
                                    .startsWith("Notify buyer " + late.id() + ": an item of " + "order " + lateOrder
                                            + " was no longer available")));
            assertThat(history(lateOrder))
                    .anyMatch(event -> event instanceof OrderCouldNotBeFulfilled gone
                            && gone.unavailableListingIds().equals(List.of(listingId)));
            deliver(StripeStandIn.chargeRefunded(lateIntent, "re_" + lateOrder))
                    .expectStatus()
                    .isOk();
            awaitStatus(late, lateOrder, "REFUNDED");

            // The listing was sold once, to the order that holds it, which stays paid; one refund only.
            assertThat(history(listingId))
                    .filteredOn(ListingSold.class::isInstance)
                    .hasSize(1)
                    .allMatch(sold -> ((ListingSold) sold).orderId().equals(quickOrder));
            awaitStatus(quick, quickOrder, "PAID");
            await().during(Duration.ofSeconds(1))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> stripe.requestsTo("/v1/refunds").stream()
                                    .filter(request -> lateIntent.equals(request.formParameters()
                                            .get("payment_intent")
                                            .firstValue()))
                                    .count()
                            == 1);
        } finally {
            notifier.detachAppender(notifications);
        }
    }

    @Test
    void aStripeThatTimesOutIsAskedAgainWithTheSameKeyAndAPaymentReportedMeanwhileIsNotUndone() {
        // 6,050 + 450 shipping: this order's first two intent creations hang past the read timeout, the third
        // (stripe-java's second retry) is answered.
        int hang = (int) STRIPE_READ_TIMEOUT.multipliedBy(3).toMillis();
        stripe.server()
                .stubFor(post("/v1/payment_intents")
                        .atPriority(1)
                        .withFormParam("amount", equalTo("6500"))
                        .inScenario("hanging")
                        .whenScenarioStateIs(Scenario.STARTED)
                        .willReturn(StripeStandIn.paymentCreated().withFixedDelay(hang))
                        .willSetStateTo("hung once"));
        stripe.server()
                .stubFor(post("/v1/payment_intents")
                        .atPriority(1)
                        .withFormParam("amount", equalTo("6500"))
                        .inScenario("hanging")
                        .whenScenarioStateIs("hung once")
                        .willReturn(StripeStandIn.paymentCreated().withFixedDelay(hang))
                        .willSetStateTo("answering"));
        User buyer = bazaar.signUp("Patient Payer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Espresso machine", 6050));

        // While the saga waits for Stripe, Stripe's webhook reports the payment (the app confirmed it meanwhile).
        await().atMost(Duration.ofSeconds(10)).until(() -> paymentRecord(orderId) != null);
        deliver(StripeStandIn.succeeded("pi_" + orderId, orderId))
                .expectStatus()
                .isOk();
        assertThat(paymentRecord(orderId))
                .as("the payment record before Stripe answered the saga")
                .doesNotContainKey("paymentIntentId")
                .containsEntry("status", "succeeded");
        awaitStatus(buyer, orderId, "PAID");

        // The saga's timed-out request was retried with its key, and the late answer does not undo "succeeded".
        JsonNode payment = awaitPayment(buyer, orderId);
        assertThat(payment.get("paymentIntentId").asText()).isEqualTo("pi_" + orderId);
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> "succeeded"
                        .equals(awaitPayment(buyer, orderId).get("status").asText()));
        List<LoggedRequest> sent = stripe.requestsTo("/v1/payment_intents").stream()
                .filter(request -> request.getBodyAsString().contains(orderId))
                .toList();
        assertThat(sent).hasSize(3);
        assertThat(sent)
                .extracting(request -> request.getHeader("Idempotency-Key"))
                .containsOnly("order-" + orderId + "-payment-intent");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(history(orderId))
                        .filteredOn(event -> event.getClass().getSimpleName().equals("PaymentIntentCreated"))
                        .hasSize(1));
        assertThat(history(orderId)).filteredOn(OrderPaid.class::isInstance).hasSize(1);
    }

    @Test
    void slowStripeCallsInWebhookRequestsDoNotHoldUpOtherRequests() throws Exception {
        User buyer = bazaar.signUp("Slow Refund");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Bread maker", 7100));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isNoContent();
        awaitStatus(buyer, orderId, "CANCELLED");
        // Stripe takes its time with this refund (within the read timeout): every late payment below waits for it.
        Duration slow = STRIPE_READ_TIMEOUT.minusMillis(500);
        stripe.server()
                .stubFor(post("/v1/refunds")
                        .atPriority(1)
                        .withFormParam("payment_intent", equalTo(paymentIntentId))
                        .willReturn(StripeStandIn.refundCreated(orderId).withFixedDelay((int) slow.toMillis())));

        // More slow webhook requests at once than the server has event-loop threads (one per core).
        int slowRequests = Runtime.getRuntime().availableProcessors() * 2;
        ExecutorService pool = Executors.newFixedThreadPool(slowRequests);
        try {
            List<Future<Integer>> webhooks = new ArrayList<>();
            for (int i = 0; i < slowRequests; i++) {
                String payload = StripeStandIn.succeeded(paymentIntentId, orderId);
                webhooks.add(pool.submit(() ->
                        deliver(payload).returnResult(String.class).getStatus().value()));
            }
            // Meanwhile, the rest of the API answers at once.
            int servedMeanwhile = 0;
            while (webhooks.stream().anyMatch(webhook -> !webhook.isDone())) {
                long started = System.nanoTime();
                bazaar.http()
                        .get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk();
                // Generous for a busy machine, yet shorter than one slow call, let alone several in a row.
                assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(slow.dividedBy(2));
                servedMeanwhile++;
            }
            assertThat(servedMeanwhile).isGreaterThan(3);
            assertThat(refundRequestFor(paymentIntentId)).isNotNull();
            for (Future<Integer> webhook : webhooks) {
                assertThat(webhook.get()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(history(orderId)).noneMatch(OrderPaid.class::isInstance);
    }

    // ---------------------------------------------------------------- helpers

    private record Paid(String orderId, String paymentIntentId) {}

    /** A new listing of the seller, bought by {@code buyer} and paid through a signed webhook. */
    private static Paid paidOrder(User buyer, String title, long price) {
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, title, price));
        String paymentIntentId =
                awaitPayment(buyer, orderId).get("paymentIntentId").asText();
        deliver(StripeStandIn.succeeded(paymentIntentId, orderId))
                .expectStatus()
                .isOk();
        awaitStatus(buyer, orderId, "PAID");
        return new Paid(orderId, paymentIntentId);
    }

    private static String checkOut(User buyer, String listingId) {
        return Carts.checkOut(bazaar, buyer, listingId);
    }

    private static JsonNode awaitPayment(User buyer, String orderId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> bazaar.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}/payment", orderId)
                                .exchange()
                                .returnResult(JsonNode.class)
                                .getResponseBody()
                                .blockFirst(),
                        answer -> answer != null && answer.hasNonNull("clientSecret"));
    }

    private static void awaitStatus(User viewer, String orderId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> bazaar.as(viewer)
                                .get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        order -> order != null
                                && status.equals(order.path("status").asText()));
    }

    /** The order is in {@code status} and stays there over a window in which a wrong change would have shown. */
    private static void staysInStatus(User viewer, String orderId, String status) {
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> status.equals(status(viewer, orderId)));
    }

    private static String status(User viewer, String orderId) {
        return bazaar.as(viewer)
                .get()
                .uri("/api/v1/orders/{id}", orderId)
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("status")
                .asText();
    }

    private static WebTestClient.ResponseSpec deliver(String payload) {
        return bazaar.http()
                .post()
                .uri("/api/v1/webhooks/stripe")
                .contentType(MediaType.parseMediaType("application/json; charset=utf-8"))
                .header(
                        "Stripe-Signature",
                        StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, Instant.now()))
                .bodyValue(payload)
                .exchange();
    }

    private static void refused(String payload, String signature) {
        bazaar.http()
                .post()
                .uri("/api/v1/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", signature)
                .bodyValue(payload)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-webhook-signature");
    }

    private static Document paymentRecord(String orderId) {
        return bazaar.bean(MongoTemplate.class)
                .getCollection("payments")
                .find(new Document("_id", orderId))
                .first();
    }

    private static WebTestClient.ResponseSpec refund(User user, String orderId) {
        return bazaar.as(user).post().uri("/api/v1/orders/{id}/refund", orderId).exchange();
    }

    private static LoggedRequest intentRequestOf(String orderId) {
        return stripe.requestsTo("/v1/payment_intents").stream()
                .filter(request -> request.getBodyAsString().contains(orderId))
                .findFirst()
                .orElseThrow();
    }

    private static LoggedRequest refundRequestFor(String paymentIntentId) {
        return stripe.requestsTo("/v1/refunds").stream()
                .filter(request -> paymentIntentId.equals(
                        request.formParameters().get("payment_intent").firstValue()))
                .findFirst()
                .orElse(null);
    }

    private static double rejectedWebhooks() {
        return bazaar.bean(MeterRegistry.class).find("bazaar.webhooks.rejected").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private static double paymentFailures() {
        return bazaar.bean(MeterRegistry.class).find("bazaar.payments.failures").counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }

    private static List<Object> history(String aggregateId) {
        return bazaar.bean(EventStore.class)
                .readEvents(aggregateId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
