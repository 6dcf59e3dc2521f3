package com.bazaar.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.ChildProcessBazaar;
import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * A 2xx means the change is on disk: the reproduction (40 sequential edits, {@code kill -9} right after the
 * last 204, restart on the same data folder) must find every edit in the event store and in the read model.
 */
class KillAfterAcknowledgedEditsTest {

    @TempDir
    Path dataDir;

    static Map<String, Object> listing(String title) {
        return Map.of(
                "title",
                title,
                "description",
                "Kill -9 test",
                "price",
                Map.of("amount", 1200, "currency", "EUR"),
                "category",
                "clothing",
                "condition",
                "good");
    }

    @Test
    void fortyAcknowledgedEditsSurviveAKillRightAfterTheLastAnswer() {
        String listingId;
        RunningBazaar.User seller;
        try (ChildProcessBazaar app = ChildProcessBazaar.start(dataDir)) {
            seller = app.signUp("Kill nine seller");
            listingId = app.as(seller)
                    .post()
                    .uri("/api/v1/listings")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(listing("edit 0"))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id")
                    .asText();
            for (int edit = 1; edit <= 40; edit++) {
                app.as(seller)
                        .put()
                        .uri("/api/v1/listings/{id}", listingId)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(listing("edit " + edit))
                        .exchange()
                        .expectStatus()
                        .isNoContent();
            }
            app.kill();
        }

        try (ChildProcessBazaar restarted = ChildProcessBazaar.start(dataDir);
                StoredEvents events = new StoredEvents(restarted.mongoUri())) {
            List<StoredEvents.StoredEvent> stored = events.of(listingId);
            assertThat(stored)
                    .extracting(StoredEvents.StoredEvent::sequence)
                    .containsExactlyElementsOf(
                            IntStream.rangeClosed(0, 40).mapToObj(Long::valueOf).toList());
            assertThat(stored.get(40).payload()).contains("edit 40");

            // A draft is visible to its seller only; the token signed before the kill is still valid. The killed node's
            // claims on the projections' segments time out first (docs/OPERATIONS.md, "Claims and failover": <= 35 s).
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> restarted
                            .as(seller)
                            .get()
                            .uri("/api/v1/listings/{id}", listingId)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody()
                            .jsonPath("$.title")
                            .isEqualTo("edit 40"));
        }
    }
}
