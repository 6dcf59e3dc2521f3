package com.bazaar.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.order.ConfirmPayment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Orders over real HTTP from checkout to delivery: who sees them, what each party may do when, the receipt, what
 * payment and cancellation do to listings and carts, and a rebuild of the tracking read model by replay. Payment
 * confirmations are sent on the command bus as the Stripe webhook handler sends them (payments: PaymentFlowTest).
 */
class OrderLifecycleTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User seller;
    private static User admin;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir, "--bazaar.auth.admin-emails=ops@example.com");
        seller = bazaar.signUp("Order Seller");
        admin = bazaar.signUp("Ops", "ops@example.com");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void aPaidOrderIsShippedAndDeliveredByItsSellerWithATimelineAndAReceipt() {
        User buyer = bazaar.signUp("Happy Buyer");
        String listingId = bazaar.publishedListing(seller, "Leather boots", 8900);
        String orderId = checkOut(buyer, listingId);

        // Who may see it.
        JsonNode pending = awaitOrder(bazaar.as(buyer), orderId, "PENDING_PAYMENT");
        assertThat(pending.at("/total/amount").asLong()).isEqualTo(8900 + 450);
        assertThat(pending.at("/shippingAddress/city").asText()).isEqualTo("Berlin");
        awaitOrder(bazaar.as(seller), orderId, "PENDING_PAYMENT");
        awaitOrder(bazaar.as(admin), orderId, "PENDING_PAYMENT");
        bazaar.as(bazaar.signUp("Nosy Neighbour"))
                .get()
                .uri("/api/v1/orders/{id}", orderId)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/order-not-found");
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}/receipt", orderId)
                .exchange()
                .expectStatus()
                .isNotFound();
        // No Stripe keys here (the embedded default): the app runs, the buyer is told the payment is not ready,
        // everyone else that the order does not exist, and Stripe webhooks are refused.
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}/payment", orderId)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/payment-not-ready");
        bazaar.as(seller)
                .get()
                .uri("/api/v1/orders/{id}/payment", orderId)
                .exchange()
                .expectStatus()
                .isNotFound();
        bazaar.http()
                .post()
                .uri("/api/v1/webhooks/stripe")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Stripe-Signature", "t=1,v1=00")
                .bodyValue("{}")
                .exchange()
                .expectStatus()
                .isBadRequest();

        // Nothing ships before it is paid; the buyer cannot ship; the seller cannot cancel.
        ship(seller, orderId)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/order-transition-not-allowed");
        ship(buyer, orderId).expectStatus().isNotFound();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isNotFound();

        bazaar.bean(CommandGateway.class).sendAndWait(new ConfirmPayment(orderId, "pi_3Ptest"));
        JsonNode paid = awaitOrder(bazaar.as(buyer), orderId, "PAID");
        assertThat(paid.at("/paymentReference").asText()).isEqualTo("pi_3Ptest");
        JsonNode receipt = bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}/receipt", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(receipt.at("/lines/0/title").asText()).isEqualTo("Leather boots");
        assertThat(receipt.at("/total/amount").asLong()).isEqualTo(9350);
        assertThat(receipt.at("/paymentReference").asText()).isEqualTo("pi_3Ptest");

        // Paid: the listing is sold for good and leaves the buyer's cart; the buyer can no longer cancel.
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
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        ship(seller, orderId).expectStatus().isNoContent();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/orders/{id}/deliver", orderId)
                .exchange()
                .expectStatus()
                .isNoContent();
        JsonNode delivered = awaitOrder(bazaar.as(buyer), orderId, "DELIVERED");
        assertThat(delivered.at("/shipment/carrier").asText()).isEqualTo("DHL");
        assertThat(delivered.get("timeline"))
                .extracting(change -> change.get("status").asText())
                .containsExactly("PENDING_PAYMENT", "PAID", "SHIPPED", "DELIVERED");
        bazaar.as(seller)
                .post()
                .uri("/api/v1/orders/{id}/deliver", orderId)
                .exchange()
                .expectStatus()
                .isEqualTo(409);

        // The buyer's orders and the seller's sales list it.
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[0].id")
                .isEqualTo(orderId);
        bazaar.as(seller)
                .get()
                .uri("/api/v1/sales?limit=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.items[?(@.id == '" + orderId + "')]")
                .exists();
    }

    @Test
    void theBuyerCancelsBeforePayingAndTheListingIsForSaleAgain() {
        User buyer = bazaar.signUp("Second Thoughts");
        String listingId = bazaar.publishedListing(seller, "Film camera", 12000);
        String orderId = checkOut(buyer, listingId);

        bazaar.as(buyer)
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isNoContent();

        JsonNode cancelled = awaitOrder(bazaar.as(buyer), orderId, "CANCELLED");
        assertThat(cancelled.at("/timeline/1/note").asText()).isEqualTo("buyer");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(history(listingId)).anyMatch(event -> event instanceof ListingReservationReleased));
        // For sale again: someone else buys it.
        User next = bazaar.signUp("Next Buyer");
        Carts.add(bazaar, next, listingId);
        checkOut(next, listingId);
    }

    @Test
    void theTrackingReadModelIsRebuiltIdenticallyByReplay() {
        User buyer = bazaar.signUp("Replay Buyer");
        String orderId = checkOut(buyer, bazaar.publishedListing(seller, "Board game", 2500));
        bazaar.bean(CommandGateway.class).sendAndWait(new ConfirmPayment(orderId, "pi_replay"));
        awaitOrder(bazaar.as(buyer), orderId, "PAID");
        ship(seller, orderId).expectStatus().isNoContent();
        awaitOrder(bazaar.as(buyer), orderId, "SHIPPED");
        List<Document> before = trackedOrders();

        StreamingEventProcessor tracking = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessor("order-tracking", StreamingEventProcessor.class)
                .orElseThrow();
        tracking.shutDown();
        tracking.resetTokens();
        assertThat(trackedOrders()).isEmpty();
        tracking.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> !tracking.isReplaying() && trackedOrders().size() == before.size());
        assertThat(trackedOrders()).isEqualTo(before);
    }

    private static List<Document> trackedOrders() {
        return bazaar.bean(MongoTemplate.class)
                .getCollection("order_tracking")
                .find()
                .sort(new Document("_id", 1))
                .into(new ArrayList<>());
    }

    private static String checkOut(User buyer, String listingId) {
        Carts.add(bazaar, buyer, listingId);
        return bazaar.as(buyer)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .at("/orders/0/id")
                .asText();
    }

    private static JsonNode awaitOrder(WebTestClient viewer, String orderId, String status) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> viewer.get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        order -> order != null
                                && status.equals(order.path("status").asText()));
    }

    private static WebTestClient.ResponseSpec ship(User user, String orderId) {
        return bazaar.as(user)
                .post()
                .uri("/api/v1/orders/{id}/ship", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JJD000390007"))
                .exchange();
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
