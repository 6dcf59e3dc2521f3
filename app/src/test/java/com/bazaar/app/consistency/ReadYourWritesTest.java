package com.bazaar.app.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Read-your-writes over real HTTP: a write's {@code Bazaar-Consistency} header, sent with the next read, makes that
 * read see the write every time; without it the read models may lag; the wait is bounded; forged tokens are refused.
 */
class ReadYourWritesTest {

    static final String CONSISTENCY = "Bazaar-Consistency";
    static final String STATUS = "Bazaar-Consistency-Status";
    private static final int TRIES = 200;

    @TempDir
    static Path dataDir;

    static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir);
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void aListingEditIsOnItsPageAndInTheFeedOnTheNextReadEveryTime() {
        SellerListing published = sellerWithListing(bazaar, "Consistent Seller", "Edited jacket 0");
        RunningBazaar.User seller = published.seller();
        WebTestClient asSeller = published.client();
        String photo = published.photo();
        String listing = published.listing();
        int staleWithoutHeader = 0;
        for (int i = 1; i <= TRIES; i++) {
            String title = "Edited jacket " + i;
            String token = edit(asSeller, listing, title, List.of(photo));

            // Without the header the read model may trail the write, even not have the listing yet (404).
            JsonNode withoutHeader = asSeller.get()
                    .uri("/api/v1/listings/{id}", listing)
                    .exchange()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            if (withoutHeader == null
                    || !title.equals(withoutHeader.at("/title").asText())) {
                staleWithoutHeader++;
            }
            EntityExchangeResult<JsonNode> page = page(asSeller, listing, token);
            assertThat(page.getResponseBody().at("/title").asText())
                    .as("try %d, listing page", i)
                    .isEqualTo(title);
            assertThat(page.getResponseHeaders().getFirst(STATUS)).isEqualTo("consistent");
            if (i % 10 == 0) {
                // The feed's first page is a snapshot 2 s in the past; a token moves it up to the write.
                EntityExchangeResult<JsonNode> feed = asSeller.get()
                        .uri("/api/v1/feed?sellerId={id}", seller.id())
                        .header(CONSISTENCY, token)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult();
                assertThat(feed.getResponseBody().at("/items/0/title").asText())
                        .as("try %d, feed", i)
                        .isEqualTo(title);
                assertThat(feed.getResponseHeaders().getFirst(STATUS)).isEqualTo("consistent");
            }
        }
        System.out.printf(
                "Reads without the header that missed the write just made: %d of %d%n", staleWithoutHeader, TRIES);
    }

    @Test
    void aCartLineIsInTheCartOnTheNextReadEveryTime() {
        RunningBazaar.User seller = bazaar.signUp("Cart Seller");
        String listing = bazaar.publishedListing(seller, "Cart jacket", 1800);
        // The command side learns of the publication a moment later; wait for it with another shopper's cart.
        Carts.add(bazaar, bazaar.signUp("Availability probe"), listing);
        RunningBazaar.User shopper = bazaar.signUp("Cart Shopper");
        WebTestClient asShopper = bazaar.as(shopper);
        for (int i = 0; i < TRIES; i++) {
            boolean add = i % 2 == 0;
            EntityExchangeResult<byte[]> write = add
                    ? asShopper
                            .post()
                            .uri("/api/v1/cart/items")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("listingId", listing, "quantity", 1))
                            .exchange()
                            .expectStatus()
                            .is2xxSuccessful()
                            .expectBody()
                            .returnResult()
                    : asShopper
                            .delete()
                            .uri("/api/v1/cart/items/{id}", listing)
                            .exchange()
                            .expectStatus()
                            .is2xxSuccessful()
                            .expectBody()
                            .returnResult();
            String token = write.getResponseHeaders().getFirst(CONSISTENCY);
            assertThat(token).as("try %d", i).isNotBlank();
            JsonNode cart = asShopper
                    .get()
                    .uri("/api/v1/cart")
                    .header(CONSISTENCY, token)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .valueEquals(STATUS, "consistent")
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(cart.at("/lines").size()).as("try %d", i).isEqualTo(add ? 1 : 0);
        }
    }

    @Test
    void aReadWhoseProjectionIsStoppedAnswersWhatItHasWithinTheBoundAndSaysSo() {
        SellerListing published = sellerWithListing(bazaar, "Stale Seller", "Before the stop");
        WebTestClient asSeller = published.client();
        String photo = published.photo();
        String listing = published.listing();
        String consistent = edit(asSeller, listing, "Before the stop", List.of(photo));
        assertThat(page(asSeller, listing, consistent)
                        .getResponseBody()
                        .at("/title")
                        .asText())
                .isEqualTo("Before the stop");

        EventProcessor detail = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessorByProcessingGroup("listing-detail")
                .orElseThrow();
        detail.shutDown();
        try {
            String token = edit(asSeller, listing, "After the stop", List.of(photo));
            long started = System.nanoTime();
            EntityExchangeResult<JsonNode> page = page(asSeller, listing, token);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(page.getResponseHeaders().getFirst(STATUS)).isEqualTo("stale");
            assertThat(page.getResponseBody().at("/title").asText()).isEqualTo("Before the stop");
            assertThat(took).isBetween(Duration.ofMillis(4500), Duration.ofSeconds(8));
        } finally {
            detail.start();
        }
    }

    @Test
    void aForgedOrGarbageTokenIsABadRequest() {
        SellerListing published = sellerWithListing(bazaar, "Forging Seller", "Forged");
        WebTestClient asSeller = published.client();
        String listing = published.listing();
        String token = edit(asSeller, listing, "Forged", List.of(published.photo()));
        String[] parts = token.split("\\.");
        String tampered = parts[0].substring(0, parts[0].length() - 2) + "AA." + parts[1];

        for (String bad : List.of("garbage", "a.b", tampered, token + "x", "x".repeat(5000))) {
            asSeller.get()
                    .uri("/api/v1/listings/{id}", listing)
                    .header(CONSISTENCY, bad)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/invalid-consistency-token");
        }
    }

    @Test
    void aTokenOfTheTwoPartFormIssuedBeforeJwsIsIgnoredNotRefused() {
        SellerListing published = sellerWithListing(bazaar, "Upgraded Seller", "Kept");
        // The shape tokens had before they became JWS: base64url(JSON array) "." base64url(HMAC). A client that has
        // not written since the upgrade still sends one on every read; the read answers as if it had sent none.
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String legacy = base64.encodeToString(
                        "[{\"s\":\"x\",\"t\":[],\"k\":\"y\",\"d\":\"z\",\"a\":0}]".getBytes(StandardCharsets.UTF_8))
                + "." + base64.encodeToString(new byte[32]);
        // Such a token waits for nothing, so first let the listing reach its read model without one.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> published
                        .client()
                        .get()
                        .uri("/api/v1/listings/{id}", published.listing())
                        .exchange()
                        .expectStatus()
                        .isOk());
        published
                .client()
                .get()
                .uri("/api/v1/listings/{id}", published.listing())
                .header(CONSISTENCY, legacy)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .doesNotExist(STATUS);
    }

    /** A seller's published listing, and a spare uploaded photo for edits. */
    record SellerListing(RunningBazaar.User seller, WebTestClient client, String photo, String listing) {}

    static SellerListing sellerWithListing(RunningBazaar bazaar, String sellerName, String title) {
        RunningBazaar.User seller = bazaar.signUp(sellerName);
        String photo = bazaar.uploadPhoto(seller);
        return new SellerListing(seller, bazaar.as(seller), photo, bazaar.publishedListing(seller, title, 2500));
    }

    static String edit(WebTestClient as, String listing, String title, List<String> photoIds) {
        String token = as.put()
                .uri("/api/v1/listings/{id}", listing)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        title,
                        "description",
                        "Edited by a test",
                        "price",
                        Map.of("amount", 2500, "currency", "EUR"),
                        "shippingPrice",
                        Map.of("amount", 450, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "good",
                        "photoIds",
                        photoIds))
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody()
                .returnResult()
                .getResponseHeaders()
                .getFirst(CONSISTENCY);
        assertThat(token).isNotBlank();
        return token;
    }

    static EntityExchangeResult<JsonNode> page(WebTestClient as, String listing, String token) {
        WebTestClient.RequestHeadersSpec<?> request = as.get().uri("/api/v1/listings/{id}", listing);
        if (token != null) {
            request = request.header(CONSISTENCY, token);
        }
        return request.exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult();
    }
}
