package com.bazaar.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * MongoDB goes away for 5 s under a running node: requests fail fast with a 503 problem (not a 500, not a hang),
 * health says DOWN, and when the store is back the node recovers by itself: commands work again and the event
 * processors resume, with every acknowledged change in the read model once and no refused change anywhere.
 */
class StoreOutageTest {

    private static final Duration OUTAGE = Duration.ofSeconds(5);
    private static final Duration FAIL_FAST = Duration.ofSeconds(2);

    @TempDir
    Path dataDir;

    private final int storePort = RunningBazaar.freePort();
    private MongoServer store;
    private RunningBazaar app;

    /** The test's own MongoDB: a wire-protocol server on a fixed port, persisting to one file across restarts. */
    private MongoServer startStore() {
        MongoServer server =
                new MongoServer(new H2Backend(dataDir.resolve("store.mv").toString()));
        server.bind("127.0.0.1", storePort);
        return server;
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        if (store != null) {
            store.shutdown();
        }
    }

    @Test
    void requestsFailFastWith503WhileTheStoreIsAwayAndTheNodeRecoversByItself() {
        store = startStore();
        app = RunningBazaar.start(
                dataDir.resolve("app"),
                "--bazaar.mongodb-uri=mongodb://127.0.0.1:" + storePort + "/bazaar",
                "--bazaar.feed.cursor-secret=store-outage-test",
                // Never reached: the test uses no photos.
                "--bazaar.media.embedded=false",
                "--bazaar.media.s3-endpoint=http://127.0.0.1:" + RunningBazaar.freePort(),
                "--bazaar.media.access-key=unused",
                "--bazaar.media.secret-key=unused");
        RunningBazaar.User seller = app.signUp("Outage seller");
        WebTestClient asSeller = app.as(seller);
        // Edits right before the outage: the processors are still projecting them when the store goes away.
        Map<String, String> lastTitleBefore = new LinkedHashMap<>();
        for (int listing = 0; listing < 4; listing++) {
            String id = asSeller.post()
                    .uri("/api/v1/listings")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(KillAfterAcknowledgedEditsTest.listing("listing " + listing + " before 0"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id")
                    .asText();
            lastTitleBefore.put(id, "listing " + listing + " before 0");
        }
        Duration slowestEdit = Duration.ZERO;
        for (int edit = 1; edit <= 3; edit++) {
            for (String id : lastTitleBefore.keySet()) {
                String title = lastTitleBefore.get(id).replaceFirst("before \\d+$", "before " + edit);
                long started = System.nanoTime();
                edit(asSeller, id, title).expectStatus().isNoContent();
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                slowestEdit = took.compareTo(slowestEdit) > 0 ? took : slowestEdit;
                lastTitleBefore.put(id, title);
            }
        }
        // Fail fast means within 2 s of what the same request costs when the store is there: on an idle machine an
        // edit takes milliseconds, on a CI machine shared by many builds it took up to 2 s by itself. Without the
        // store timeout the driver would wait 30 s.
        Duration failFast = FAIL_FAST.plus(slowestEdit);
        String listingId = lastTitleBefore.keySet().iterator().next();
        int acknowledgedEdits = 3;

        store.shutdown();
        long outageStarted = System.nanoTime();
        List<String> answers = new ArrayList<>();
        int attempt = 0;
        while (System.nanoTime() - outageStarted < OUTAGE.toNanos()) {
            attempt++;
            String refusedTitle = "refused " + attempt;
            answers.add(failsFastWith503(failFast, () -> edit(asSeller, listingId, refusedTitle)));
            answers.add(failsFastWith503(
                    failFast,
                    () -> asSeller.get().uri("/api/v1/listings/{id}", listingId).exchange()));
            answers.add(failsFastWith503(
                    failFast,
                    () -> app.http()
                            .post()
                            .uri("/api/v1/auth/signup")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of(
                                    "email",
                                    "outage-" + System.nanoTime() + "@example.com",
                                    "password",
                                    "correct horse battery",
                                    "displayName",
                                    "Nobody"))
                            .exchange()));
            EntityExchangeResult<JsonNode> health = app.http()
                    .get()
                    .uri("/actuator/health")
                    .exchange()
                    .expectStatus()
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                    .expectBody(JsonNode.class)
                    .returnResult();
            assertThat(health.getResponseBody().get("status").asText()).isEqualTo("DOWN");
        }
        assertThat(answers).hasSizeGreaterThanOrEqualTo(3).allMatch(type -> type.equals("/problems/store-unavailable"));

        store = startStore();
        // UP needs MongoDB and every event processor out of its error back-off.
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(() -> app.http()
                        .get()
                        .uri("/actuator/health")
                        .exchange()
                        .expectStatus()
                        .isOk());
        for (int i = 1; i <= 3; i++) {
            edit(asSeller, listingId, "after " + i).expectStatus().isNoContent();
            acknowledgedEdits++;
        }
        String createdAfter = asSeller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(KillAfterAcknowledgedEditsTest.listing("created after the outage"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();

        // The processors resume by themselves: every listing's read model reaches its last acknowledged change,
        // including the changes they were projecting when the store went away (none is skipped).
        lastTitleBefore.put(listingId, "after 3");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            lastTitleBefore.forEach((id, title) -> asSeller.get()
                    .uri("/api/v1/listings/{id}", id)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo(title));
            asSeller.get()
                    .uri("/api/v1/listings/{id}", createdAfter)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.title")
                    .isEqualTo("created after the outage");
        });
        // Exactly the acknowledged changes are stored, none of the refused ones, and nothing twice.
        int expectedEvents = 1 + acknowledgedEdits;
        try (StoredEvents events = new StoredEvents("mongodb://127.0.0.1:" + storePort)) {
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                List<StoredEvents.StoredEvent> stored = events.of(listingId);
                assertThat(stored).hasSize(expectedEvents);
                assertThat(stored).noneMatch(event -> event.payload().contains("refused"));
                asSeller.get()
                        .uri("/api/v1/listings/{id}", listingId)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.title")
                        .isEqualTo("after 3");
            });
        }
    }

    private static WebTestClient.ResponseSpec edit(WebTestClient client, String listingId, String title) {
        return client.put()
                .uri("/api/v1/listings/{id}", listingId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(KillAfterAcknowledgedEditsTest.listing(title))
                .exchange();
    }

    /** Sends the request, checks it was answered within {@code failFast} with a 503 problem; returns its type. */
    private static String failsFastWith503(Duration failFast, Supplier<WebTestClient.ResponseSpec> request) {
        long started = System.nanoTime();
        EntityExchangeResult<JsonNode> answer = request.get()
                .expectStatus()
                .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThanOrEqualTo(failFast);
        return answer.getResponseBody().get("type").asText();
    }
}
