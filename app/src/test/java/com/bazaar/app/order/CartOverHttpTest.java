package com.bazaar.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.cart.CartItemAdded;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The cart over real HTTP: retried requests, stale versions, own listings, and lines that became unavailable. */
class CartOverHttpTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User seller;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir);
        seller = bazaar.signUp("Cart Seller");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void theSameIdempotencyKeyTwiceIsAppliedOnce() {
        User shopper = bazaar.signUp("Retrying Shopper");
        String listingId = bazaar.publishedListing(seller, "Denim jacket", 2500);
        Carts.add(bazaar, shopper, listingId);
        String other = bazaar.publishedListing(seller, "Wool scarf", 1200);

        long first = addWithKey(shopper, other, "tap-42");
        long retried = bazaar.as(shopper)
                .post()
                .uri("/api/v1/cart/items")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", "tap-42")
                .bodyValue(Map.of("listingId", other, "quantity", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueEquals(HttpHeaders.ETAG, "\"" + first + "\"")
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("version")
                .asLong();

        assertThat(retried).isEqualTo(first);
        long addedOther = bazaar.bean(EventStore.class)
                .readEvents(shopper.id())
                .asStream()
                .filter(event -> event.getPayload() instanceof CartItemAdded added
                        && added.listingId().equals(other))
                .count();
        assertThat(addedOther).isEqualTo(1);
    }

    @Test
    void aStaleIfMatchVersionIs412AndTheCurrentOneIsAccepted() {
        User shopper = bazaar.signUp("Two Phones");
        String a = bazaar.publishedListing(seller, "Lamp", 3000);
        String b = bazaar.publishedListing(seller, "Vase", 1500);
        Carts.add(bazaar, shopper, a);
        long version = addWithKey(shopper, b, "k-1");

        bazaar.as(shopper)
                .post()
                .uri("/api/v1/cart/items")
                .contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.IF_MATCH, "\"0\"")
                .bodyValue(Map.of("listingId", b, "quantity", 1))
                .exchange()
                .expectStatus()
                .isEqualTo(412);
        bazaar.as(shopper)
                .delete()
                .uri("/api/v1/cart/items/{id}", a)
                .header(HttpHeaders.IF_MATCH, "\"0\"")
                .exchange()
                .expectStatus()
                .isEqualTo(412)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/stale-version");
        bazaar.as(shopper)
                .delete()
                .uri("/api/v1/cart/items/{id}", a)
                .header(HttpHeaders.IF_MATCH, "\"" + version + "\"")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.version")
                .isEqualTo((int) version + 1);
    }

    @Test
    void aShopperCannotAddTheirOwnListingAndQuantitiesAreBoundedByStock() {
        String own = bazaar.publishedListing(seller, "My own bike", 20000);
        User shopper = bazaar.signUp("Greedy Shopper");
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> add(seller, own, 1)
                        .expectStatus()
                        .isEqualTo(409)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("/problems/own-listing"));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> add(shopper, own, 2)
                        .expectStatus()
                        .isEqualTo(409)
                        .expectBody()
                        .jsonPath("$.type")
                        .isEqualTo("/problems/quantity-exceeds-stock"));
        add(shopper, own, 0)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("quantity");
    }

    @Test
    void aLineWhoseListingWasReservedIsFlaggedAndLeftOutOfTheTotals() {
        User buyer = bazaar.signUp("Quick Buyer");
        User slower = bazaar.signUp("Slow Shopper");
        String contested = bazaar.publishedListing(seller, "Rare vinyl", 4000);
        String other = bazaar.publishedListing(seller, "Poster", 1000);
        Carts.add(bazaar, buyer, contested);
        Carts.add(bazaar, slower, contested);
        Carts.add(bazaar, slower, other);
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isCreated();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode cart = bazaar.as(slower)
                    .get()
                    .uri("/api/v1/cart")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(cart.get("lines")).hasSize(2);
            JsonNode contestedLine = line(cart, contested);
            assertThat(contestedLine.get("available").asBoolean()).isFalse();
            assertThat(contestedLine.get("status").asText()).isEqualTo("reserved");
            assertThat(line(cart, other).get("available").asBoolean()).isTrue();
            assertThat(line(cart, other).get("coverImageUrl").asText())
                    .isEqualTo(bazaar.baseUrl() + "/media/"
                            + line(cart, other).get("coverImageId").asText());
            assertThat(cart.at("/totals/0/items/amount").asLong()).isEqualTo(1000);
            assertThat(cart.at("/totals/0/shipping/amount").asLong()).isEqualTo(450);
            assertThat(cart.at("/totals/0/total/amount").asLong()).isEqualTo(1450);
        });

        // Checking out a cart with the reserved line fails as a whole, naming it, and reserves nothing.
        bazaar.as(slower)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.unavailableListingIds[0]")
                .isEqualTo(contested);
        Carts.add(bazaar, bazaar.signUp("Third Shopper"), other);
    }

    @Test
    void aCartIsOnlyEverTheCallersOwn() {
        User anna = bazaar.signUp("Anna Cart");
        User bert = bazaar.signUp("Bert Cart");
        String listingId = bazaar.publishedListing(seller, "Teapot", 1800);
        Carts.add(bazaar, anna, listingId);

        // Bert's "remove" touches Bert's cart, not Anna's; there is no way to name Anna's cart.
        bazaar.as(bert)
                .delete()
                .uri("/api/v1/cart/items/{id}", listingId)
                .exchange()
                .expectStatus()
                .isOk();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            bazaar.as(anna)
                    .get()
                    .uri("/api/v1/cart")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lines[0].listingId")
                    .isEqualTo(listingId);
            bazaar.as(bert)
                    .get()
                    .uri("/api/v1/cart")
                    .exchange()
                    .expectBody()
                    .jsonPath("$.lines")
                    .isEmpty();
        });
        bazaar.http().get().uri("/api/v1/cart").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void checkoutValidatesTheAddressAndAnEmptyCartIsAConflict() {
        User shopper = bazaar.signUp("Careless Typist");
        bazaar.as(shopper)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "shippingAddress",
                        Map.of(
                                "name",
                                "",
                                "line1",
                                "x",
                                "city",
                                "Berlin",
                                "postalCode",
                                "10115",
                                "country",
                                "Germany")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.field == 'shippingAddress.name')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'shippingAddress.country')]")
                .exists();
        // "XX" has a country code's shape but names no country: it is reported together with the blank name, not
        // in a second round trip after the name is fixed.
        bazaar.as(shopper)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "shippingAddress",
                        Map.of("name", "", "line1", "x", "city", "Berlin", "postalCode", "10115", "country", "XX")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors.length()")
                .isEqualTo(2)
                .jsonPath("$.errors[?(@.field == 'shippingAddress.name')]")
                .exists()
                .jsonPath("$.errors[?(@.field == 'shippingAddress.country')].message")
                .isEqualTo("must be an ISO-3166 alpha-2 country code");
        bazaar.as(shopper)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/cart-empty");
    }

    private static JsonNode line(JsonNode cart, String listingId) {
        for (JsonNode line : cart.get("lines")) {
            if (line.get("listingId").asText().equals(listingId)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + listingId + " in " + cart);
    }

    private static WebTestClient.ResponseSpec add(User shopper, String listingId, int quantity) {
        return bazaar.as(shopper)
                .post()
                .uri("/api/v1/cart/items")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("listingId", listingId, "quantity", quantity))
                .exchange();
    }

    /**
     * Adds with a fixed key, retrying while the listing is not yet known to the command side; the retries are
     * themselves what the key makes safe. Answers the cart version.
     */
    private static long addWithKey(User shopper, String listingId, String key) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            var answer = bazaar.as(shopper)
                                    .post()
                                    .uri("/api/v1/cart/items")
                                    .contentType(MediaType.APPLICATION_JSON)
                                    .header("Idempotency-Key", key)
                                    .bodyValue(Map.of("listingId", listingId, "quantity", 1))
                                    .exchange()
                                    .expectBody(JsonNode.class)
                                    .returnResult();
                            return answer.getStatus().value() == 200
                                    ? answer.getResponseBody().get("version").asLong()
                                    : null;
                        },
                        version -> version != null);
    }
}
