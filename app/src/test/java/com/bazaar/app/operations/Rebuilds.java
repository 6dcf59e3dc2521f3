package com.bazaar.app.operations;

import static com.mongodb.client.model.Sorts.ascending;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** What the rebuild tests do over HTTP: ask for a rebuild, follow it, read the feed and its collections. */
final class Rebuilds {

    static final String ADMIN_EMAIL = "rebuild-admin@example.com";
    /** Settings that keep the tests short: the old generation is dropped a second after the swap. */
    static final String[] SETTINGS = {
        "--bazaar.auth.admin-emails=" + ADMIN_EMAIL,
        "--bazaar.rebuild.drop-after=1s",
        "--bazaar.feed.snapshot-lag=100ms"
    };

    private final RunningBazaar bazaar;
    private final RunningBazaar.User admin;

    Rebuilds(RunningBazaar bazaar, RunningBazaar.User admin) {
        this.bazaar = bazaar;
        this.admin = admin;
    }

    JsonNode request(String processor) {
        return bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/processors/{name}/rebuild", processor)
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode refused(String processor, HttpStatus status) {
        return bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/processors/{name}/rebuild", processor)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    JsonNode progress(String processor) {
        return bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/processors/{name}/rebuild", processor)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** Waits until the rebuild into {@code generation} is done and its old generation is gone. */
    JsonNode awaitDone(String processor, int generation, Duration atMost) {
        JsonNode done = await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> progress(processor),
                        state -> !state.at("/status").asText().equals("rebuilding")
                                && !state.at("/status").asText().equals("swapping"));
        assertThat(done.at("/status").asText()).as(done.toString()).isEqualTo("done");
        assertThat(done.at("/activeGeneration").asInt()).isEqualTo(generation);
        assertThat(done.at("/progress").asInt()).isEqualTo(100);
        MongoTemplate mongo = bazaar.bean(MongoTemplate.class);
        List<String> collections = bazaar.bean(ReadModelCollections.class)
                .readModel(processor)
                .orElseThrow()
                .collections();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> collections.stream()
                        .noneMatch(base -> mongo.collectionExists(ReadModelCollections.name(base, generation - 1))));
        return done;
    }

    /** Every document of the active generation of the feed's collections, in _id order. */
    Map<String, List<Document>> feedCollections() {
        MongoTemplate mongo = bazaar.bean(MongoTemplate.class);
        ReadModelCollections collections = bazaar.bean(ReadModelCollections.class);
        Map<String, List<Document>> contents = new HashMap<>();
        for (String base : List.of("feed_items", "feed_listings")) {
            contents.put(
                    base,
                    mongo.getCollection(collections.name(base))
                            .find()
                            .sort(ascending("_id"))
                            .into(new ArrayList<>()));
        }
        return contents;
    }

    /** The whole feed, paged through with one snapshot: the listing ids with their titles and prices. */
    static List<String> feed(RunningBazaar node) {
        return feed(node, "");
    }

    /**
     * The feed narrowed by {@code query}. Readers during a rebuild page the listings of a seller nobody edits
     * meanwhile: a listing being edited may be missing from a page for an instant by the feed's own design
     * (docs/FEED.md, the snapshot lag), which has nothing to do with rebuilds.
     */
    static List<String> feed(RunningBazaar node, String query) {
        List<String> items = new ArrayList<>();
        String first = "/api/v1/feed?limit=100" + query;
        String uri = first;
        while (uri != null) {
            JsonNode page = node.http()
                    .get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.at("/items")
                    .forEach(item -> items.add(
                            item.at("/id").asText() + " " + item.at("/title").asText() + " "
                                    + item.at("/price/amount").asLong()));
            uri = page.hasNonNull("nextCursor")
                    ? first + "&cursor=" + page.get("nextCursor").asText()
                    : null;
        }
        return items;
    }

    static Map<String, Object> listingBody(String title, long price, String photoId) {
        Map<String, Object> body = new HashMap<>();
        body.put("title", title);
        body.put("description", title + ", for the rebuild test");
        body.put("price", Map.of("amount", price, "currency", "EUR"));
        body.put("shippingPrice", Map.of("amount", 350, "currency", "EUR"));
        body.put("category", "clothing");
        body.put("condition", "good");
        if (photoId != null) {
            body.put("photoIds", List.of(photoId));
        }
        return body;
    }
}
