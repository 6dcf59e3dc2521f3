package com.bazaar.app.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.listing.MarkListingSold;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The feed, the listing detail and the seller profile over real HTTP against the real application: listings are
 * created and published through the command endpoints with photos uploaded through presigned URLs, then read back
 * filtered, sorted, paged, renamed, sold and unpublished.
 */
class FeedHttpTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        // A short snapshot lag keeps the awaits short; the lag itself is covered by the query-side tests.
        bazaar = RunningBazaar.start(dataDir, "--bazaar.feed.snapshot-lag=100ms");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    record Seller(RunningBazaar.User user, String name, WebTestClient http) {}

    record Listing(String id, List<String> photoIds) {}

    // ---------------------------------------------------------------- feed

    @Test
    void filtersSortsAndCursorsNarrowOrderAndPageTheFeed() {
        Seller fiona = seller("Fiona Filter");
        Listing jacket = publish(fiona, listing("Blue denim jacket", 2500, "clothing", "like_new", "M", "Levi's"));
        Listing boots = publish(fiona, listing("Leather boots", 6000, "shoes", "good", "42", "Dr. Martens"));
        Listing shirt = publish(fiona, listing("Denim shirt", 1500, "clothing", "good", "m", "LEVI'S"));
        String mine = "sellerId=" + fiona.user().id();
        awaitFeed(mine, shirt.id(), boots.id(), jacket.id());

        assertThat(feedIds(mine + "&sort=price_asc")).containsExactly(shirt.id(), jacket.id(), boots.id());
        assertThat(feedIds(mine + "&sort=price_desc")).containsExactly(boots.id(), jacket.id(), shirt.id());
        assertThat(feedIds(mine + "&category=clothing")).containsExactly(shirt.id(), jacket.id());
        assertThat(feedIds(mine + "&minPrice=2000&maxPrice=7000")).containsExactly(boots.id(), jacket.id());
        assertThat(feedIds(mine + "&minPrice=2500&maxPrice=2500")).containsExactly(jacket.id());
        assertThat(feedIds(mine + "&condition=good")).containsExactly(shirt.id(), boots.id());
        assertThat(feedIds(mine + "&size=M")).containsExactly(shirt.id(), jacket.id());
        assertThat(feedIds(mine + "&brand=levi's")).containsExactly(shirt.id(), jacket.id());
        assertThat(feedIds(mine + "&q=Denim")).containsExactly(shirt.id(), jacket.id());
        assertThat(feedIds(mine + "&q=jack")).containsExactly(jacket.id());
        assertThat(feedIds("q=leather boots")).contains(boots.id()).doesNotContain(jacket.id(), shirt.id());
        assertThat(feedIds("")).contains(jacket.id(), boots.id(), shirt.id());

        List<JsonNode> paged = pageThrough("/api/v1/feed?" + mine + "&sort=price_asc&limit=1");
        assertThat(paged)
                .extracting(item -> item.at("/id").asText())
                .containsExactly(shirt.id(), jacket.id(), boots.id());

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(get("/api/v1/feed?" + mine)
                                .at("/items/0/seller/displayName")
                                .asText())
                        .isEqualTo("Fiona Filter"));
        JsonNode card = paged.get(1);
        assertThat(card.at("/title").asText()).isEqualTo("Blue denim jacket");
        assertThat(card.at("/price/amount").asLong()).isEqualTo(2500);
        assertThat(card.at("/price/currency").asText()).isEqualTo("EUR");
        assertThat(card.at("/shippingPrice/amount").asLong()).isEqualTo(350);
        assertThat(card.at("/condition").asText()).isEqualTo("like_new");
        assertThat(card.at("/category").asText()).isEqualTo("clothing");
        assertThat(card.at("/size").asText()).isEqualTo("M");
        assertThat(card.at("/brand").asText()).isEqualTo("Levi's");
        assertThat(card.at("/coverImageUrl").asText())
                .isEqualTo(bazaar.baseUrl() + "/media/" + jacket.photoIds().get(0));
        assertThat(card.at("/seller/id").asText()).isEqualTo(fiona.user().id());
        assertThat(card.at("/publishedAt").asText()).isNotBlank();
    }

    @Test
    void invalidParametersAnswer400NamingEveryField() {
        assertInvalid("sort=cheapest", "sort");
        assertInvalid("category=cars", "category");
        assertInvalid("condition=mint", "condition");
        assertInvalid("minPrice=-1", "minPrice");
        assertInvalid("maxPrice=abc", "maxPrice");
        assertInvalid("minPrice=500&maxPrice=100", "minPrice");
        assertInvalid("limit=0", "limit");
        assertInvalid("limit=101", "limit");
        assertInvalid("cursor=garbage", "cursor");
        assertInvalid("sort=cheapest&category=cars&limit=0", "category", "limit", "sort");

        Seller sam = seller("Sam Cursor");
        Listing first = publish(sam, listing("Cursor one", 100, "books", "good", null, null));
        Listing second = publish(sam, listing("Cursor two", 200, "books", "good", null, null));
        awaitFeed("sellerId=" + sam.user().id(), second.id(), first.id());
        String cursor = get("/api/v1/feed?sellerId=" + sam.user().id() + "&limit=1")
                .at("/nextCursor")
                .asText();
        assertThat(cursor).isNotBlank();

        assertInvalid("sellerId=" + sam.user().id() + "&sort=price_asc&cursor=" + cursor, "cursor");
        assertInvalid("cursor=" + cursor, "cursor");
        // Tamper with the signature's first character: the last one of a base64url signature carries unused bits, so
        // changing it does not always change the decoded signature.
        int signature = cursor.lastIndexOf('.') + 1;
        char tampered = cursor.charAt(signature) == 'A' ? 'B' : 'A';
        assertInvalid(
                "sellerId=" + sam.user().id() + "&cursor=" + cursor.substring(0, signature) + tampered
                        + cursor.substring(signature + 1),
                "cursor");
        assertThat(get("/api/v1/feed?sellerId=" + sam.user().id() + "&cursor=" + cursor)
                        .at("/items/0/id")
                        .asText())
                .isEqualTo(first.id());
    }

    // ---------------------------------------------------------------- detail, seller profile, lifecycle

    @Test
    void theDetailHasTheGalleryInOrderAllDetailsAndTheSellerLabel() {
        Seller dora = seller("Dora Detail");
        Listing lamp = publish(dora, listing("Brass lamp", 4200, "home", "fair", null, "Ikea"));
        awaitFeed("sellerId=" + dora.user().id(), lamp.id());

        // The detail and the seller label come from processors of their own.
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(get("/api/v1/listings/" + lamp.id())
                                .at("/seller/listingCount")
                                .asLong())
                        .isEqualTo(1));
        JsonNode detail = get("/api/v1/listings/" + lamp.id());
        assertThat(detail.at("/status").asText()).isEqualTo("published");
        assertThat(detail.at("/title").asText()).isEqualTo("Brass lamp");
        assertThat(detail.at("/description").asText()).isEqualTo("Brass lamp, as photographed");
        assertThat(detail.at("/price/amount").asLong()).isEqualTo(4200);
        assertThat(detail.at("/shippingPrice/amount").asLong()).isEqualTo(350);
        assertThat(detail.at("/condition").asText()).isEqualTo("fair");
        assertThat(detail.at("/brand").asText()).isEqualTo("Ikea");
        assertThat(detail.at("/colour").asText()).isEqualTo("blue");
        assertThat(StreamSupport.stream(detail.at("/imageUrls").spliterator(), false)
                        .map(JsonNode::asText))
                .containsExactly(
                        bazaar.baseUrl() + "/media/" + lamp.photoIds().get(0),
                        bazaar.baseUrl() + "/media/" + lamp.photoIds().get(1));
        assertThat(detail.at("/seller/id").asText()).isEqualTo(dora.user().id());
        assertThat(detail.at("/seller/displayName").asText()).isEqualTo("Dora Detail");
        assertThat(detail.at("/seller/listingCount").asLong()).isEqualTo(1);
        assertThat(detail.at("/seller/memberSince").asText()).isNotBlank();
    }

    @Test
    void theSellerProfileShowsTheLabelAndTheirListingsNewestFirstInPages() {
        Seller pia = seller("Pia Profile");
        Listing one = publish(pia, listing("Profile one", 100, "toys_games", "good", null, null));
        Listing two = publish(pia, listing("Profile two", 200, "toys_games", "good", null, null));
        Listing three = publish(pia, listing("Profile three", 300, "toys_games", "good", null, null));
        awaitFeed("sellerId=" + pia.user().id(), three.id(), two.id(), one.id());

        awaitListingCount(pia, 3);
        JsonNode first = get("/api/v1/sellers/" + pia.user().id() + "/listings?limit=2");
        assertThat(first.at("/seller/displayName").asText()).isEqualTo("Pia Profile");
        assertThat(first.at("/seller/memberSince").asText()).isNotBlank();
        assertThat(first.at("/items/0/id").asText()).isEqualTo(three.id());
        assertThat(first.at("/items/1/id").asText()).isEqualTo(two.id());
        assertThat(first.at("/items/0/coverImageUrl").asText()).startsWith(bazaar.baseUrl() + "/media/");
        JsonNode rest = get("/api/v1/sellers/" + pia.user().id() + "/listings?limit=2&cursor="
                + first.at("/nextCursor").asText());
        assertThat(rest.at("/items").size()).isEqualTo(1);
        assertThat(rest.at("/items/0/id").asText()).isEqualTo(one.id());
        assertThat(rest.has("nextCursor")).isFalse();

        bazaar.http()
                .get()
                .uri("/api/v1/sellers/{id}/listings", "no-such-seller")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/seller-not-found");
    }

    @Test
    void aNewDisplayNameShowsOnCardsDetailAndProfile() {
        Seller rita = seller("Rita Rename");
        Listing vase = publish(rita, listing("Vase", 900, "home", "good", null, null));
        awaitFeed("sellerId=" + rita.user().id(), vase.id());

        rita.http()
                .patch()
                .uri("/api/v1/me")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Rita R."))
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get("/api/v1/feed?sellerId=" + rita.user().id())
                            .at("/items/0/seller/displayName")
                            .asText())
                    .isEqualTo("Rita R.");
            assertThat(get("/api/v1/listings/" + vase.id())
                            .at("/seller/displayName")
                            .asText())
                    .isEqualTo("Rita R.");
            assertThat(get("/api/v1/sellers/" + rita.user().id() + "/listings")
                            .at("/seller/displayName")
                            .asText())
                    .isEqualTo("Rita R.");
        });
    }

    @Test
    void soldAndUnpublishedListingsLeaveTheFeedWhileTheirDetailAnswersWithTheStatus() {
        Seller otto = seller("Otto Outgoing");
        Listing sold = publish(otto, listing("To be sold", 1000, "sports", "good", null, null));
        Listing withdrawn = publish(otto, listing("To be withdrawn", 2000, "sports", "good", null, null));
        Listing staying = publish(otto, listing("Staying", 3000, "sports", "good", null, null));
        String mine = "sellerId=" + otto.user().id();
        awaitFeed(mine, staying.id(), withdrawn.id(), sold.id());

        otto.http()
                .post()
                .uri("/api/v1/listings/{id}/unpublish", withdrawn.id())
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NO_CONTENT);
        bazaar.bean(CommandGateway.class).sendAndWait(new MarkListingSold(sold.id(), "order-1"));

        awaitFeed(mine, staying.id());
        assertThat(feedIds("")).doesNotContain(sold.id(), withdrawn.id());
        // The detail and the sellers read models have processors of their own, possibly a moment behind the feed.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(get("/api/v1/listings/" + sold.id()).at("/status").asText())
                    .isEqualTo("sold");
            assertThat(get("/api/v1/listings/" + withdrawn.id()).at("/status").asText())
                    .isEqualTo("unpublished");
        });
        awaitListingCount(otto, 1);
    }

    @Test
    void replayingEveryQuerySideProcessorRebuildsTheSameAnswers() {
        Seller rae = seller("Rae Replay");
        Listing kept = publish(rae, listing("Replay kept", 700, "books", "good", null, null));
        Listing edited = publish(rae, listing("Replay edited", 800, "books", "good", null, null));
        Listing sold = publish(rae, listing("Replay sold", 900, "books", "good", null, null));
        String mine = "sellerId=" + rae.user().id();
        awaitFeed(mine, sold.id(), edited.id(), kept.id());
        Map<String, Object> cheaper = listing("Replay edited, cheaper", 50, "books", "good", null, null);
        cheaper.put("photoIds", edited.photoIds());
        rae.http()
                .put()
                .uri("/api/v1/listings/{id}", edited.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(cheaper)
                .exchange()
                .expectStatus()
                .isNoContent();
        bazaar.bean(CommandGateway.class).sendAndWait(new MarkListingSold(sold.id(), "order-replay"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(feedIds(mine + "&sort=price_asc")).containsExactly(edited.id(), kept.id());
            assertThat(get("/api/v1/listings/" + sold.id()).at("/status").asText())
                    .isEqualTo("sold");
            assertThat(get("/api/v1/listings/" + edited.id())
                            .at("/price/amount")
                            .asLong())
                    .isEqualTo(50);
        });
        awaitListingCount(rae, 2);
        List<JsonNode> before = readModels(rae, kept, edited, sold);

        for (String processor : List.of("feed", "listing-detail", "sellers")) {
            StreamingEventProcessor replayed = bazaar.bean(EventProcessingConfiguration.class)
                    .eventProcessor(processor, StreamingEventProcessor.class)
                    .orElseThrow();
            replayed.shutDown();
            replayed.resetTokens();
            replayed.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () -> assertThat(readModels(rae, kept, edited, sold)).isEqualTo(before));
    }

    private static List<JsonNode> readModels(Seller seller, Listing... listings) {
        List<JsonNode> answers = new ArrayList<>();
        answers.add(withoutCursor(get("/api/v1/feed?sellerId=" + seller.user().id())));
        answers.add(withoutCursor(get("/api/v1/feed?sellerId=" + seller.user().id() + "&sort=price_asc")));
        answers.add(get("/api/v1/sellers/" + seller.user().id() + "/listings"));
        for (Listing listing : listings) {
            answers.add(get("/api/v1/listings/" + listing.id()));
        }
        return answers;
    }

    /** A cursor holds its snapshot time, which differs from request to request. */
    private static JsonNode withoutCursor(JsonNode page) {
        ((ObjectNode) page).remove("nextCursor");
        return page;
    }

    // ---------------------------------------------------------------- helpers

    private static Seller seller(String name) {
        RunningBazaar.User user = bazaar.signUp(name);
        return new Seller(user, name, bazaar.as(user));
    }

    private static Map<String, Object> listing(
            String title, long price, String category, String condition, String size, String brand) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", title + ", as photographed");
        body.put("price", Map.of("amount", price, "currency", "EUR"));
        body.put("shippingPrice", Map.of("amount", 350, "currency", "EUR"));
        body.put("category", category);
        body.put("condition", condition);
        body.put("colour", "blue");
        if (size != null) {
            body.put("size", size);
        }
        if (brand != null) {
            body.put("brand", brand);
        }
        return body;
    }

    private static Listing publish(Seller seller, Map<String, Object> body) {
        List<String> photos = List.of(bazaar.uploadPhoto(seller.user()), bazaar.uploadPhoto(seller.user()));
        Map<String, Object> withPhotos = new HashMap<>(body);
        withPhotos.put("photoIds", photos);
        String id = seller.http()
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(withPhotos)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .at("/id")
                .asText();
        seller.http()
                .post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NO_CONTENT);
        return new Listing(id, photos);
    }

    /** The sellers projection runs on its own processor: it may be a moment behind the feed. */
    private static void awaitListingCount(Seller seller, long count) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(get("/api/v1/sellers/" + seller.user().id() + "/listings")
                                        .at("/seller/listingCount")
                                        .asLong())
                                .isEqualTo(count));
    }

    private static void awaitFeed(String query, String... expectedIds) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(feedIds(query)).containsExactly(expectedIds));
    }

    private static List<String> feedIds(String query) {
        return pageThrough("/api/v1/feed?limit=100&" + query).stream()
                .map(item -> item.at("/id").asText())
                .toList();
    }

    private static List<JsonNode> pageThrough(String firstPage) {
        List<JsonNode> items = new ArrayList<>();
        String uri = firstPage;
        while (uri != null) {
            JsonNode page = get(uri);
            page.at("/items").forEach(items::add);
            uri = page.hasNonNull("nextCursor")
                    ? firstPage + "&cursor=" + page.get("nextCursor").asText()
                    : null;
        }
        return items;
    }

    private static JsonNode get(String uri) {
        return bazaar.http()
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static void assertInvalid(String query, String... fields) {
        JsonNode problem = bazaar.http()
                .get()
                .uri("/api/v1/feed?" + query)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(problem.at("/type").asText()).as(query).isEqualTo("/problems/validation");
        assertThat(StreamSupport.stream(problem.at("/errors").spliterator(), false)
                        .map(error -> error.at("/field").asText())
                        .toList())
                .as(query)
                .containsExactly(fields);
    }
}
