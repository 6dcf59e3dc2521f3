package com.bazaar.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.operations.PoisonedFeedEvents.PoisonedFeedHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The same figures and dead letters with the event store in PostgreSQL: lag is also told in events (gap-aware tokens
 * have an index), and parked events go to Axon's JDBC dead-letter queue (table deadletterentry, migration V2).
 */
class ProcessorsAndDeadLettersOnPostgresTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static WebTestClient asAdmin;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.startOnPostgres(
                dataDir,
                "--bazaar.auth.admin-emails=pg-admin@example.com",
                "--spring.main.sources=" + PoisonedFeedEvents.SOURCE);
        asAdmin = bazaar.as(bazaar.signUp("PG admin", "pg-admin@example.com"));
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void aStoppedProcessorIsBehindByTheEventsStoredSinceAndZeroOnceCaughtUp() {
        StreamingEventProcessor sellers = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessor("sellers", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(WAIT).until(() -> processor("sellers").path("caughtUp").asBoolean());
        sellers.shutDown();
        try {
            RunningBazaar.User seller = bazaar.signUp("PG lagging seller");
            bazaar.publishedListing(seller, "PG lamp", 1500);
            JsonNode behind = await().atMost(WAIT)
                    .until(
                            () -> processor("sellers"),
                            processor -> processor.path("lagEvents").asLong() >= 2);
            assertThat(behind.path("status").asText()).isEqualTo("stopped");
            assertThat(behind.path("caughtUp").asBoolean()).isFalse();
            assertThat(behind.path("lagSeconds").asDouble()).isPositive();
            assertThat(behind.path("segments"))
                    .hasSize(2)
                    .allSatisfy(segment ->
                            assertThat(segment.path("lagEvents").asLong()).isPositive());
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(sample("bazaar_processor_lag_events", "sellers"))
                            .isGreaterThanOrEqualTo(2));
        } finally {
            sellers.start();
        }
        JsonNode caughtUp = await().atMost(WAIT)
                .until(
                        () -> processor("sellers"),
                        processor -> processor.path("caughtUp").asBoolean()
                                && processor.path("lagEvents").asLong() == 0);
        assertThat(caughtUp.path("status").asText()).isEqualTo("running");
        assertThat(caughtUp.path("lagSeconds").asDouble()).isZero();
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sample("bazaar_processor_lag_events", "sellers"))
                        .isZero());
    }

    @Test
    void aFailingEventIsParkedInTheJdbcQueueAndARetryAfterTheFixSucceeds() throws Exception {
        PoisonedFeedHandler poison = bazaar.bean(PoisonedFeedHandler.class);
        RunningBazaar.User seller = bazaar.signUp("PG poisoned seller");
        String photoId = bazaar.uploadPhoto(seller);
        String listingId = bazaar.as(seller)
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "PG poisoned lamp",
                        "description",
                        "Seeded by a test",
                        "price",
                        Map.of("amount", 2000, "currency", "EUR"),
                        "shippingPrice",
                        Map.of("amount", 450, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "good",
                        "photoIds",
                        List.of(photoId)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        poison.poison(listingId);
        bazaar.as(seller)
                .post()
                .uri("/api/v1/listings/{id}/publish", listingId)
                .exchange()
                .expectStatus()
                .isNoContent();

        JsonNode letter = await().atMost(WAIT).until(() -> parked(listingId), found -> found != null);
        assertThat(letter.path("eventType").asText()).isEqualTo("ListingPublished");
        assertThat(letter.path("causeMessage").asText()).contains("test poison");
        assertThat(deadLetterRows("feed")).isEqualTo(1);
        String healthy = bazaar.publishedListing(seller, "PG healthy lamp", 1800);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(StreamSupport.stream(
                                        bazaar.http()
                                                .get()
                                                .uri("/api/v1/feed?sellerId=" + seller.id())
                                                .exchange()
                                                .expectStatus()
                                                .isOk()
                                                .expectBody(JsonNode.class)
                                                .returnResult()
                                                .getResponseBody()
                                                .path("items")
                                                .spliterator(),
                                        false)
                                .map(item -> item.path("id").asText()))
                        .contains(healthy));

        poison.cure(listingId);
        asAdmin.post()
                .uri(
                        "/api/v1/admin/dead-letters/feed/{id}/retry",
                        letter.path("id").asText())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.succeeded")
                .isEqualTo(true);
        assertThat(parked(listingId)).isNull();
        assertThat(deadLetterRows("feed")).isZero();
        assertThat(poison.handled(listingId)).isEqualTo(1);
    }

    private static JsonNode processor(String name) {
        return asAdmin.get()
                .uri("/api/v1/admin/processors/{name}", name)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode parked(String aggregateId) {
        JsonNode items = asAdmin.get()
                .uri("/api/v1/admin/dead-letters?processor=feed")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("aggregateId").asText().equals(aggregateId))
                .findFirst()
                .orElse(null);
    }

    private static long deadLetterRows(String processor) throws Exception {
        try (Connection connection = RunningBazaar.postgresOf(dataDir).connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT count(*) FROM deadletterentry WHERE processinggroup = '" + processor + "'")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static double sample(String metric, String processor) {
        String body = bazaar.http()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return body.lines()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> line.contains("processor=\"" + processor + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample of " + metric + " for " + processor));
    }
}
