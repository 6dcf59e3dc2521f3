package com.bazaar.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.admin.BazaarAdmin;
import com.bazaar.app.AdminCliRun;
import com.bazaar.app.RunningBazaar;
import com.bazaar.app.operations.PoisonedFeedEvents.PoisonedFeedHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
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
 * Event processor status, lag and metrics, and dead letters, over real HTTP against the real application on its
 * MongoDB event store, with the bazaar-admin commands run in-process against it. A test-only handler in the real
 * {@code feed} processing group ({@link PoisonedFeedEvents}) fails for the listings a test poisons.
 */
class ProcessorsAndDeadLettersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static RunningBazaar.User admin;
    private static WebTestClient asAdmin;
    private static WebTestClient asSupport;
    private static WebTestClient asShopper;
    private static PoisonedFeedHandler poison;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.auth.admin-emails=ops-admin@example.com",
                // Test-only sources: they add beans, not replace the application's.
                "--spring.main.sources=" + PoisonedFeedEvents.SOURCE + "," + ReportedRebuilds.SOURCE);
        admin = bazaar.signUp("Ops admin", "ops-admin@example.com");
        asAdmin = bazaar.as(admin);
        asShopper = bazaar.as(bazaar.signUp("Plain shopper"));
        RunningBazaar.User helper = bazaar.signUp("Support helper");
        asAdmin.put()
                .uri("/api/v1/admin/users/{id}/roles", helper.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("SUPPORT")))
                .exchange()
                .expectStatus()
                .isOk();
        // The role is in the next access token.
        String supportToken = bazaar.http()
                .post()
                .uri("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", helper.refreshToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("accessToken")
                .asText();
        asSupport = bazaar.http()
                .mutate()
                .defaultHeader("Authorization", "Bearer " + supportToken)
                .build();
        poison = bazaar.bean(PoisonedFeedHandler.class);
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    // ---------------------------------------------------------------- processors

    @Test
    void everyProcessorIsListedWithItsStatusSegmentsOwnersAndQueue() {
        List<String> all = List.of(
                "feed",
                "listing-detail",
                "listing-availability",
                "order-listings",
                "payment-deadlines",
                "order-tracking",
                "carts",
                "media-attachments",
                "sellers",
                "chat",
                "chat-orders",
                "payments",
                "payment-notifications",
                "chat-live");
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode items = json(asSupport, "/api/v1/admin/processors", 200).path("items");
            assertThat(names(items)).containsAll(all);
            for (JsonNode processor : items) {
                assertThat(processor.path("status").asText())
                        .as("%s", processor)
                        .isEqualTo("running");
                assertThat(processor.path("segments"))
                        .as("%s", processor)
                        .isNotEmpty()
                        .allSatisfy(segment ->
                                assertThat(segment.path("owner").asText()).isNotBlank());
            }
        });
        JsonNode feed = await().atMost(WAIT)
                .until(
                        () -> json(asSupport, "/api/v1/admin/processors/feed", 200),
                        processor -> processor.path("caughtUp").asBoolean());
        assertThat(feed.path("name").asText()).isEqualTo("feed");
        assertThat(feed.path("segments")).hasSize(2).allSatisfy(segment -> {
            assertThat(segment.path("claimedByThisNode").asBoolean()).isTrue();
            assertThat(segment.path("lagSeconds").asDouble()).isZero();
        });
        assertThat(feed.path("lagSeconds").asDouble()).isZero();
        // Events are not numbered in the MongoDB store: lag is told in time only.
        assertThat(feed.has("lagEvents")).isFalse();
        assertThat(feed.path("deadLetterQueue").asBoolean()).isTrue();
        assertThat(feed.path("deadLetters").isNumber()).isTrue();

        for (String noQueue : List.of("payments", "order-listings", "payment-notifications", "chat-live")) {
            JsonNode processor = json(asSupport, "/api/v1/admin/processors/" + noQueue, 200);
            assertThat(processor.path("deadLetterQueue").asBoolean())
                    .as(noQueue)
                    .isFalse();
            assertThat(processor.has("deadLetters")).as(noQueue).isFalse();
        }
        assertThat(json(asSupport, "/api/v1/admin/processors/chat-live", 200).path("segments"))
                .hasSize(1);

        JsonNode unknown = json(asSupport, "/api/v1/admin/processors/no-such-processor", 404);
        assertThat(unknown.path("type").asText()).isEqualTo("/problems/processor-not-found");
        assertThat(json(asSupport, "/api/v1/admin/processors/bad%20name", 400)
                        .path("status")
                        .asInt())
                .isEqualTo(400);
    }

    @Test
    void aStoppedProcessorIsBehindWhileEventsArriveAndZeroOnceCaughtUp() {
        StreamingEventProcessor listingDetail = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessor("listing-detail", StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(WAIT)
                .until(() -> json(asAdmin, "/api/v1/admin/processors/listing-detail", 200)
                        .path("caughtUp")
                        .asBoolean());
        listingDetail.shutDown();
        try {
            RunningBazaar.User seller = bazaar.signUp("Lagging seller");
            bazaar.publishedListing(seller, "Lamp while listing-detail is stopped", 1500);

            JsonNode behind = await().atMost(WAIT)
                    .until(
                            () -> json(asAdmin, "/api/v1/admin/processors/listing-detail", 200),
                            processor -> processor.path("lagSeconds").asDouble() > 0);
            assertThat(behind.path("status").asText()).isEqualTo("stopped");
            assertThat(behind.path("caughtUp").asBoolean()).isFalse();
            // Released on shutdown: the token store shows nobody claiming its segments.
            assertThat(behind.path("segments"))
                    .hasSize(2)
                    .allSatisfy(segment -> assertThat(segment.has("owner")).isFalse());
            await().atMost(WAIT).untilAsserted(() -> {
                List<String> samples = prometheus();
                assertThat(sample(samples, "bazaar_processor_lag_seconds", "listing-detail"))
                        .isPositive();
                assertThat(sample(samples, "bazaar_processor_running", "listing-detail"))
                        .isZero();
                assertThat(sample(samples, "bazaar_processor_caught_up", "listing-detail"))
                        .isZero();
            });
        } finally {
            listingDetail.start();
        }

        JsonNode caughtUp = await().atMost(WAIT)
                .until(
                        () -> json(asAdmin, "/api/v1/admin/processors/listing-detail", 200),
                        processor -> processor.path("caughtUp").asBoolean());
        assertThat(caughtUp.path("status").asText()).isEqualTo("running");
        assertThat(caughtUp.path("lagSeconds").asDouble()).isZero();
        await().atMost(WAIT).untilAsserted(() -> {
            List<String> samples = prometheus();
            assertThat(sample(samples, "bazaar_processor_lag_seconds", "listing-detail"))
                    .isZero();
            assertThat(sample(samples, "bazaar_processor_running", "listing-detail"))
                    .isEqualTo(1);
            assertThat(sample(samples, "bazaar_processor_caught_up", "listing-detail"))
                    .isEqualTo(1);
        });
    }

    /** The seam a rebuild reports through: status and progress in the API, and health stays UP. */
    @Test
    void aProcessorReportedAsRebuildingShowsItsProgressAndKeepsTheNodeUp() {
        ReportedRebuilds.Activity rebuilds = bazaar.bean(ReportedRebuilds.Activity.class);
        rebuilds.report("sellers", 42.5);
        try {
            JsonNode sellers = json(asSupport, "/api/v1/admin/processors/sellers", 200);
            assertThat(sellers.path("status").asText()).isEqualTo("rebuilding");
            assertThat(sellers.path("rebuildProgress").asDouble()).isEqualTo(42.5);
            JsonNode health = json(asAdmin, "/actuator/health", 200);
            assertThat(health.path("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/eventProcessors/details/sellers/status")
                            .asText())
                    .isEqualTo("rebuilding");
            assertThat(cli("processors", "list").out().lines().filter(line -> line.startsWith("sellers ")))
                    .singleElement()
                    .asString()
                    .contains("rebuilding 43%");
        } finally {
            rebuilds.finish("sellers");
        }
        assertThat(json(asSupport, "/api/v1/admin/processors/sellers", 200).has("rebuildProgress"))
                .isFalse();
    }

    // ---------------------------------------------------------------- dead letters

    @Test
    void aFailingEventIsParkedTheProcessorGoesOnAndARetryAfterTheFixSucceeds() {
        RunningBazaar.User seller = bazaar.signUp("Poisoned seller");
        String poisoned = draft(seller, "Poisoned lamp");
        JsonNode letter = publishPoisoned(seller, poisoned);
        assertThat(letter.path("processor").asText()).isEqualTo("feed");
        assertThat(letter.path("eventType").asText()).isEqualTo("ListingPublished");
        assertThat(letter.path("aggregateType").asText()).isEqualTo("Listing");
        assertThat(letter.path("sequenceIdentifier").asText()).isEqualTo(poisoned);
        assertThat(letter.path("id").asText()).isEqualTo(letter.path("eventId").asText());
        assertThat(letter.path("causeType").asText()).isEqualTo(IllegalStateException.class.getName());
        assertThat(letter.path("causeMessage").asText()).contains("test poison");
        assertThat(letter.path("retries").asInt()).isZero();
        assertThat(letter.path("enqueuedAt").asText()).isNotBlank();
        String id = letter.path("id").asText();

        // The rest of the processor goes on: a later listing reaches the feed.
        String healthy = bazaar.publishedListing(seller, "Healthy lamp", 1800);
        await().atMost(WAIT).untilAsserted(() -> assertThat(feedIds(seller)).contains(healthy));
        assertThat(poison.handled(poisoned)).isZero();
        assertThat(json(asAdmin, "/api/v1/admin/processors/feed", 200)
                        .path("deadLetters")
                        .asLong())
                .isEqualTo(1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(sample(prometheus(), "bazaar_processor_dead_letters", "feed"))
                        .isEqualTo(1));

        // Retried before the fix: it fails again, stays parked and counts the retry.
        JsonNode again = json(asAdmin.post().uri("/api/v1/admin/dead-letters/feed/{id}/retry", id), 200);
        assertThat(again.path("succeeded").asBoolean()).isFalse();
        assertThat(again.path("stillParked").asBoolean()).isTrue();
        assertThat(again.at("/letter/retries").asInt()).isEqualTo(1);

        poison.cure(poisoned);
        JsonNode retried = json(asAdmin.post().uri("/api/v1/admin/dead-letters/feed/{id}/retry", id), 200);
        assertThat(retried.path("succeeded").asBoolean()).isTrue();
        assertThat(retried.path("stillParked").asBoolean()).isFalse();
        assertThat(parked("feed", poisoned)).isNull();
        assertThat(poison.handled(poisoned)).isEqualTo(1);
        assertThat(feedIds(seller)).contains(poisoned, healthy);
        assertThat(json(asAdmin, "/api/v1/admin/processors/feed", 200)
                        .path("deadLetters")
                        .asLong())
                .isZero();

        List<JsonNode> actions = staffActions("dead-letters/feed/" + id);
        assertThat(actions)
                .extracting(action -> action.path("payload").path("outcome").asText())
                .containsExactlyInAnyOrder("failed-again", "succeeded");
        assertThat(actions).allSatisfy(action -> {
            assertThat(action.path("aggregateType").asText()).isEqualTo("DeadLetter");
            assertThat(action.path("eventType").asText()).isEqualTo("dead-letter.retry");
            assertThat(action.path("userId").asText()).isEqualTo(admin.id());
            assertThat(action.path("correlationId").asText()).isNotBlank();
            assertThat(action.path("timestamp").asText()).isNotBlank();
        });
        json(asAdmin.post().uri("/api/v1/admin/dead-letters/feed/{id}/retry", id), 404);
    }

    @Test
    void aDeletedDeadLetterLeavesTheQueueAndIsRecorded() {
        RunningBazaar.User seller = bazaar.signUp("Deleted letter seller");
        String poisoned = draft(seller, "Never projected lamp");
        String id = publishPoisoned(seller, poisoned).path("id").asText();

        asAdmin.delete()
                .uri("/api/v1/admin/dead-letters/feed/{id}", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(parked("feed", poisoned)).isNull();
        assertThat(staffActions("dead-letters/feed/" + id)).singleElement().satisfies(action -> {
            assertThat(action.path("eventType").asText()).isEqualTo("dead-letter.delete");
            assertThat(action.path("userId").asText()).isEqualTo(admin.id());
        });
        JsonNode gone = json(asAdmin.delete().uri("/api/v1/admin/dead-letters/feed/{id}", id), 404);
        assertThat(gone.path("type").asText()).isEqualTo("/problems/dead-letter-not-found");
        assertThat(json(asAdmin.delete().uri("/api/v1/admin/dead-letters/no-such/{id}", id), 404)
                        .path("type")
                        .asText())
                .isEqualTo("/problems/processor-not-found");
        // A policy has no queue: nothing of it can be listed, retried or deleted.
        assertThat(json(asAdmin, "/api/v1/admin/dead-letters?processor=payments", 404)
                        .path("detail")
                        .asText())
                .contains("no dead-letter queue");
        poison.cure(poisoned);
    }

    @Test
    void onlyStaffSeeProcessorsAndOnlyAdminsTouchDeadLetters() {
        for (String path : List.of(
                "/api/v1/admin/processors",
                "/api/v1/admin/processors/feed",
                "/api/v1/admin/dead-letters",
                "/api/v1/admin/dead-letters?processor=feed")) {
            assertThat(json(asShopper, path, 403).path("type").asText()).isEqualTo("/problems/forbidden");
        }
        json(asShopper.post().uri("/api/v1/admin/dead-letters/feed/some-id/retry"), 403);
        json(asShopper.delete().uri("/api/v1/admin/dead-letters/feed/some-id"), 403);
        json(asSupport, "/api/v1/admin/processors", 200);
        json(asSupport, "/api/v1/admin/dead-letters", 403);
        json(asSupport.post().uri("/api/v1/admin/dead-letters/feed/some-id/retry"), 403);
        json(asSupport.delete().uri("/api/v1/admin/dead-letters/feed/some-id"), 403);
        bazaar.http()
                .get()
                .uri("/api/v1/admin/processors")
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(json(asAdmin, "/api/v1/admin/dead-letters?limit=0", 400).path("errors"))
                .isNotEmpty();
    }

    // ---------------------------------------------------------------- bazaar-admin

    @Test
    void theCommandLineListsShowsRetriesAndDeletes() {
        AdminCliRun list = cli("processors", "list");
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out().lines().findFirst().orElseThrow())
                .contains("PROCESSOR", "STATUS", "CAUGHT-UP", "LAG-SECONDS", "SEGMENTS", "DEAD-LETTERS", "LAST-ERROR");
        assertThat(list.out()).contains("feed", "payments", "chat-live");

        AdminCliRun show = cli("processors", "show", "feed");
        assertThat(show.exitCode()).as(show.err()).isZero();
        assertThat(show.out()).contains("Processor:     feed", "Status:        running", "SEGMENT", "OWNER");
        AdminCliRun unknown = cli("processors", "show", "no-such-processor");
        assertThat(unknown.exitCode()).isEqualTo(BazaarAdmin.REFUSED);
        assertThat(unknown.err()).contains("404", "processor-not-found");

        RunningBazaar.User seller = bazaar.signUp("CLI poisoned seller");
        String retried = draft(seller, "CLI lamp to retry");
        String deleted = draft(seller, "CLI lamp to delete");
        String retriedId = publishPoisoned(seller, retried).path("id").asText();
        String deletedId = publishPoisoned(seller, deleted).path("id").asText();

        AdminCliRun letters = cli("dead-letters", "list", "--processor", "feed");
        assertThat(letters.exitCode()).as(letters.err()).isZero();
        assertThat(letters.out()).contains("ID", "CAUSE", retriedId, deletedId, "ListingPublished", "test poison");

        AdminCliRun failing = cli("dead-letters", "retry", "feed", retriedId);
        assertThat(failing.exitCode()).isEqualTo(BazaarAdmin.REFUSED);
        assertThat(failing.err()).contains("failed again", "test poison");
        poison.cure(retried);
        AdminCliRun retry = cli("dead-letters", "retry", "feed", retriedId);
        assertThat(retry.exitCode()).as(retry.err()).isZero();
        assertThat(retry.out()).contains("Retried " + retriedId);

        AdminCliRun delete = cli("dead-letters", "delete", "feed", deletedId);
        assertThat(delete.exitCode()).as(delete.err()).isZero();
        assertThat(delete.out()).contains("Deleted " + deletedId);
        AdminCliRun empty = cli("dead-letters", "list", "--processor", "feed");
        assertThat(empty.out()).doesNotContain(retriedId).doesNotContain(deletedId);
        poison.cure(deleted);

        for (List<String> help : List.of(
                List.of("processors", "--help"),
                List.of("processors", "list", "--help"),
                List.of("processors", "show", "--help"),
                List.of("dead-letters", "--help"),
                List.of("dead-letters", "list", "--help"),
                List.of("dead-letters", "retry", "--help"),
                List.of("dead-letters", "delete", "--help"))) {
            AdminCliRun run = cli(help.toArray(String[]::new));
            assertThat(run.exitCode()).as("%s", help).isZero();
            assertThat(run.out()).as("%s", help).contains("Usage: bazaar-admin " + help.get(0));
        }
    }

    // ---------------------------------------------------------------- helpers

    private static AdminCliRun cli(String... args) {
        return AdminCliRun.of(bazaar, admin.accessToken(), args);
    }

    /** A listing created as a draft (not yet in the feed), so a test can poison its id before publishing it. */
    private static String draft(RunningBazaar.User seller, String title) {
        String photoId = bazaar.uploadPhoto(seller);
        return json(
                        bazaar.as(seller)
                                .post()
                                .uri("/api/v1/listings")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of(
                                        "title",
                                        title,
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
                                        List.of(photoId))),
                        201)
                .path("id")
                .asText();
    }

    private static void publish(RunningBazaar.User seller, String listingId) {
        bazaar.as(seller)
                .post()
                .uri("/api/v1/listings/{id}/publish", listingId)
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    /** Publishes the draft with the feed's test handler failing for it; answers its dead letter once parked. */
    private static JsonNode publishPoisoned(RunningBazaar.User seller, String listingId) {
        poison.poison(listingId);
        publish(seller, listingId);
        return await().atMost(WAIT).until(() -> parked("feed", listingId), found -> found != null);
    }

    /** The dead letter of {@code processor} parked for {@code aggregateId}, or null. */
    private static JsonNode parked(String processor, String aggregateId) {
        JsonNode items = json(asAdmin, "/api/v1/admin/dead-letters?processor=" + processor, 200)
                .path("items");
        return StreamSupport.stream(items.spliterator(), false)
                .filter(item -> item.path("aggregateId").asText().equals(aggregateId))
                .findFirst()
                .orElse(null);
    }

    private static List<String> feedIds(RunningBazaar.User seller) {
        return StreamSupport.stream(
                        json(bazaar.http(), "/api/v1/feed?sellerId=" + seller.id(), 200)
                                .path("items")
                                .spliterator(),
                        false)
                .map(item -> item.path("id").asText())
                .toList();
    }

    /** The audit trail's entries about {@code target}: staff actions show there like every other change. */
    private static List<JsonNode> staffActions(String target) {
        JsonNode items = json(
                        asAdmin.get()
                                .uri(uri -> uri.path("/api/v1/admin/audit")
                                        .queryParam("aggregateType", "DeadLetter")
                                        .queryParam("aggregateId", target)
                                        .build()),
                        200)
                .path("items");
        return StreamSupport.stream(items.spliterator(), false).toList();
    }

    private static List<String> names(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false)
                .map(item -> item.path("name").asText())
                .toList();
    }

    private static List<String> prometheus() {
        String body = bazaar.http()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        return body.lines().filter(line -> !line.startsWith("#")).toList();
    }

    private static double sample(List<String> samples, String metric, String processor) {
        return samples.stream()
                .filter(line -> line.startsWith(metric + "{"))
                .filter(line -> line.contains("processor=\"" + processor + "\""))
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample of " + metric + " for " + processor));
    }

    private static JsonNode json(WebTestClient client, String uri, int status) {
        return json(client.get().uri(uri), status);
    }

    private static JsonNode json(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return request.exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }
}
