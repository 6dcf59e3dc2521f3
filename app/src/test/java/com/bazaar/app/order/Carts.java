package com.bazaar.app.order;

import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.MediaType;

/** Cart steps the order and payment tests share. */
public final class Carts {

    public static final Map<String, String> ADDRESS =
            Map.of("name", "Ann Buyer", "line1", "Main St 1", "city", "Berlin", "postalCode", "10115", "country", "DE");

    private Carts() {}

    /**
     * Adds the listing once the command side has seen it published (its availability lookup follows the listing
     * events a moment later, as the feed does).
     */
    public static void add(RunningBazaar bazaar, User shopper, String listingId) {
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> bazaar.as(shopper)
                        .post()
                        .uri("/api/v1/cart/items")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("listingId", listingId, "quantity", 1))
                        .exchange()
                        .expectStatus()
                        .isOk());
    }

    /** Adds the listing to the buyer's cart and checks out; answers the id of the (one) order. */
    public static String checkOut(RunningBazaar bazaar, User buyer, String listingId) {
        add(bazaar, buyer, listingId);
        return bazaar.as(buyer)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", ADDRESS))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .at("/orders/0/id")
                .asText();
    }
}
