package com.bazaar.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** An order nobody pays within the payment window is cancelled and its listing is for sale again. */
class ReservationExpiryTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir, "--bazaar.checkout.payment-window=2s", "--bazaar.checkout.deadline-check-interval=PT0.5S");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void anUnpaidOrderExpiresAndReleasesItsListing() {
        User seller = bazaar.signUp("Patient Seller");
        User buyer = bazaar.signUp("Forgetful Buyer");
        String listingId = bazaar.publishedListing(seller, "Armchair", 15000);
        Carts.add(bazaar, buyer, listingId);
        String orderId = bazaar.as(buyer)
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

        JsonNode expired = await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> bazaar.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        order -> order != null
                                && "CANCELLED".equals(order.path("status").asText()));
        assertThat(expired.at("/timeline/1/note").asText()).isEqualTo("expired");

        // Back in the feed and for sale again: another shopper's checkout reserves it.
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> bazaar.http()
                        .get()
                        .uri("/api/v1/feed?sellerId={id}", seller.id())
                        .exchange()
                        .expectBody()
                        .jsonPath("$.items[0].id")
                        .isEqualTo(listingId));
        bazaar.http()
                .get()
                .uri("/api/v1/listings/{id}", listingId)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("published");
        User next = bazaar.signUp("Next In Line");
        Carts.add(bazaar, next, listingId);
        bazaar.as(next)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isCreated();
    }
}
