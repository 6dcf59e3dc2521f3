package com.bazaar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit trail with the event store in PostgreSQL: the same projection, history and state-at-time. */
class AuditTrailOnPostgresTest {

    @TempDir
    Path dataDir;

    @Test
    void listHistoryAndStateReadThePostgresEventStore() {
        try (RunningBazaar bazaar =
                RunningBazaar.startOnPostgres(dataDir, "--bazaar.auth.admin-emails=pg-audit-admin@example.com")) {
            User admin = bazaar.signUp("PG Audit Admin", "pg-audit-admin@example.com");
            User seller = bazaar.signUp("PG Audit Seller");
            String listingId = bazaar.publishedListing(seller, "Postgres lamp", 4200);

            List<JsonNode> listed = await().atMost(Duration.ofSeconds(20))
                    .until(
                            () -> items(
                                    bazaar.as(admin)
                                            .get()
                                            .uri("/api/v1/admin/audit?aggregateId={id}&order=asc", listingId)
                                            .exchange()
                                            .expectStatus()
                                            .isOk()
                                            .expectBody(JsonNode.class)
                                            .returnResult()
                                            .getResponseBody(),
                                    "items"),
                            items -> items.stream()
                                    .anyMatch(item ->
                                            item.get("eventType").asText().equals("ListingPublished")));
            assertThat(listed.get(0).get("eventType").asText()).isEqualTo("ListingDraftCreated");
            assertThat(listed.get(0).get("userId").asText()).isEqualTo(seller.id());

            List<JsonNode> history = items(
                    bazaar.as(admin)
                            .get()
                            .uri("/api/v1/admin/aggregates/Listing/{id}/history", listingId)
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(JsonNode.class)
                            .returnResult()
                            .getResponseBody(),
                    "events");
            assertThat(history)
                    .extracting(event -> event.get("eventId").asText())
                    .containsExactlyElementsOf(listed.stream()
                            .map(item -> item.get("eventId").asText())
                            .toList());

            JsonNode last = history.get(history.size() - 1);
            JsonNode state = bazaar.as(admin)
                    .get()
                    .uri(
                            "/api/v1/admin/aggregates/Listing/{id}/state?at={at}",
                            listingId,
                            last.get("timestamp").asText())
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(state.get("version").asLong())
                    .isEqualTo(last.get("sequence").asLong());
            assertThat(state.toString()).contains("Postgres lamp");
        }
    }

    private static List<JsonNode> items(JsonNode answer, String field) {
        return StreamSupport.stream(answer.get(field).spliterator(), false).toList();
    }
}
