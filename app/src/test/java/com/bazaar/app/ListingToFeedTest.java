package com.bazaar.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.contracts.common.MetadataKeys;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The first vertical slice over real HTTP against the real application and its embedded MongoDB server: listings are
 * created and published through commands, show up in the feed through the projection, survive a restart on the same
 * data folder (accounts and signing keys included: the seller's token still works), and a replay of the feed
 * projection into an empty read model gives the same feed.
 */
class ListingToFeedTest {

    private static final int PUBLISHED = 7;

    @TempDir
    Path dataDir;

    @Test
    void listingsFlowFromCommandsToTheFeedSurviveARestartAndReplayIdentically() {
        List<String> published = new ArrayList<>();
        String draftId;
        List<JsonNode> feedBeforeRestart;

        RunningBazaar.User seller;
        try (RunningBazaar bazaar = startBazaar(dataDir)) {
            seller = bazaar.signUp("Ann Seller");
            WebTestClient asSeller = bazaar.as(seller);
            for (int i = 0; i < PUBLISHED; i++) {
                String id = createListing(asSeller, "Item " + i, 1000 + i, "request-" + i, bazaar.uploadPhoto(seller));
                publish(asSeller, id);
                published.add(id);
            }
            draftId = createListing(asSeller, "Still a draft", 500, "request-draft", bazaar.uploadPhoto(seller));

            // Newest first: the last published listing leads the feed; the draft is not in it.
            List<String> expectedOrder = new ArrayList<>(published);
            Collections.reverse(expectedOrder);
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () -> assertThat(ids(pageThroughFeed(bazaar, 3))).containsExactlyElementsOf(expectedOrder));
            feedBeforeRestart = pageThroughFeed(bazaar, 3);
            assertThat(feedBeforeRestart.get(0).at("/price/amount").asLong()).isEqualTo(1000 + PUBLISHED - 1);
            assertThat(feedBeforeRestart.get(0).at("/price/currency").asText()).isEqualTo("EUR");
            assertThat(feedBeforeRestart.get(0).at("/category").asText()).isEqualTo("clothing");

            JsonNode draft = asSeller.get()
                    .uri("/api/v1/listings/{id}", draftId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(draft.at("/status").asText()).isEqualTo("draft");
            assertThat(draft.at("/title").asText()).isEqualTo("Still a draft");
            assertThat(draft.at("/sellerId").asText()).isEqualTo(seller.id());
            // Nobody else sees a draft; it answers as if it did not exist.
            bazaar.http()
                    .get()
                    .uri("/api/v1/listings/{id}", draftId)
                    .exchange()
                    .expectStatus()
                    .isNotFound();
            bazaar.as(bazaar.signUp("Bob Shopper"))
                    .get()
                    .uri("/api/v1/listings/{id}", draftId)
                    .exchange()
                    .expectStatus()
                    .isNotFound();

            // Every event carries the request that caused it and the acting user.
            Map<String, Object> metadata = storedMetaDataOfOnlyEvent(bazaar, draftId);
            assertThat(metadata)
                    .containsEntry(MetadataKeys.REQUEST_ID, "request-draft")
                    .containsEntry(MetadataKeys.USER_ID, seller.id())
                    .containsKeys("correlationId", "traceId");
        }

        try (RunningBazaar restarted = startBazaar(dataDir)) {
            assertThat(pageThroughFeed(restarted, 3)).isEqualTo(feedBeforeRestart);
            restarted
                    .http()
                    .get()
                    .uri("/api/v1/listings/{id}", published.get(0))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("published");
            restarted
                    .as(seller)
                    .get()
                    .uri("/api/v1/listings/{id}", draftId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("draft");

            // Support's rebuild: empty the read model, reset the processor, let it replay the whole event store.
            StreamingEventProcessor feed = restarted
                    .bean(EventProcessingConfiguration.class)
                    .eventProcessor("feed", StreamingEventProcessor.class)
                    .orElseThrow();
            feed.shutDown();
            restarted.bean(MongoTemplate.class).getCollection("feed_items").drop();
            assertThat(pageThroughFeed(restarted, 3)).isEmpty();
            feed.resetTokens();
            feed.start();

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () -> assertThat(pageThroughFeed(restarted, 3)).isEqualTo(feedBeforeRestart));
            await().atMost(Duration.ofSeconds(30)).until(() -> !feed.isReplaying());
            assertThat(pageThroughFeed(restarted, 3)).isEqualTo(feedBeforeRestart);
        }
    }

    /** Where the test runs; {@link ListingToFeedOnPostgresTest} keeps the event store in PostgreSQL. */
    RunningBazaar startBazaar(Path dataDir) {
        return RunningBazaar.start(dataDir);
    }

    /** The metadata of the one event of {@code aggregateId}, as stored (not as Axon hands it back). */
    Map<String, Object> storedMetaDataOfOnlyEvent(RunningBazaar bazaar, String aggregateId) {
        List<Document> events = bazaar.bean(MongoTemplate.class)
                .getCollection("domainevents")
                .find(new Document("aggregateIdentifier", aggregateId))
                .into(new ArrayList<>());
        assertThat(events).hasSize(1);
        return metaData(events.get(0));
    }

    private static String createListing(
            WebTestClient asSeller, String title, long amount, String requestId, String photoId) {
        JsonNode created = asSeller.post()
                .uri("/api/v1/listings")
                .header("X-Request-Id", requestId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        title,
                        "description",
                        "Worn twice",
                        "price",
                        Map.of("amount", amount, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "good",
                        "photoIds",
                        List.of(photoId)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("X-Request-Id", requestId)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String id = created.at("/id").asText();
        assertThat(id).isNotBlank();
        return id;
    }

    private static void publish(WebTestClient asSeller, String id) {
        asSeller.post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** Follows nextCursor to the end, checking that no listing appears twice. */
    static List<JsonNode> pageThroughFeed(RunningBazaar bazaar, int limit) {
        List<JsonNode> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            String uri = "/api/v1/feed?limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page = bazaar.http()
                    .get()
                    .uri(uri)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(page.at("/items").size()).isLessThanOrEqualTo(limit);
            page.at("/items").forEach(item -> {
                assertThat(seen.add(item.at("/id").asText()))
                        .as("listing %s seen twice", item.at("/id"))
                        .isTrue();
                // Image URLs are built from the address the request reached, which changes with the port across
                // restarts; what must survive is the image they point at.
                assertThat(item.at("/coverImageUrl").asText())
                        .isEqualTo(bazaar.baseUrl() + "/media/"
                                + item.at("/coverImageId").asText());
                ((ObjectNode) item).remove(List.of("coverImageUrl", "coverImageUrls"));
                items.add(item);
            });
            cursor = page.hasNonNull("nextCursor") ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return items;
    }

    private static List<String> ids(List<JsonNode> items) {
        return items.stream().map(item -> item.at("/id").asText()).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metaData(Document event) {
        Object metadata = event.get("serializedMetaData");
        if (metadata instanceof String json) {
            metadata = Document.parse(json);
        }
        return (Map<String, Object>) metadata;
    }
}
