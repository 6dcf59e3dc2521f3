package com.bazaar.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.AdminCliRun;
import com.bazaar.app.RunningBazaar;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A live rebuild of the feed over real HTTP (docs/OPERATIONS.md, "Rebuild a read model"): 1,000 listing commands
 * arrive while it runs, a reader pages the feed all along, and the result is compared with a second rebuild made
 * after the commands. Also the refusals: a rebuild already running, processors that must not run again, read models
 * not converted yet, unknown names and shoppers.
 */
class FeedRebuildTest {

    private static final int SELLERS = 4;
    private static final int LISTINGS_PER_SELLER = 15;
    private static final int COMMANDS_PER_SELLER = 250;
    private static final int QUIET_LISTINGS = 20;

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static RunningBazaar.User admin;
    private static Rebuilds rebuilds;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir, Rebuilds.SETTINGS);
        admin = bazaar.signUp("Rebuild admin", Rebuilds.ADMIN_EMAIL);
        rebuilds = new Rebuilds(bazaar, admin);
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    record Published(RunningBazaar.User seller, String id, String photoId) {}

    @Test
    void aRebuildDuringAThousandCommandsEndsEqualToOneBuiltAfterThemAndQueriesNeverSeeItHalfBuilt() throws Exception {
        int earlier = Rebuilds.feed(bazaar).size();
        List<List<Published>> listings = new ArrayList<>();
        for (int s = 0; s < SELLERS; s++) {
            RunningBazaar.User seller = bazaar.signUp("Rebuild seller " + s);
            List<Published> own = new ArrayList<>();
            for (int i = 0; i < LISTINGS_PER_SELLER; i++) {
                own.add(publish(seller, "Listing " + s + "-" + i, 1000 + i));
            }
            listings.add(own);
        }
        RunningBazaar.User quiet = bazaar.signUp("Quiet seller");
        for (int i = 0; i < QUIET_LISTINGS; i++) {
            publish(quiet, "Quiet listing " + i, 700 + i);
        }
        String quietFeed = "&sellerId=" + quiet.id();
        int published = earlier + SELLERS * LISTINGS_PER_SELLER + QUIET_LISTINGS;
        await().atMost(Duration.ofSeconds(30)).until(() -> Rebuilds.feed(bazaar).size() == published);

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger smallestPage = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        Map<String, String> lastVersion = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(SELLERS + 1);
        int generation;
        try {
            Future<?> reader = threads.submit(() -> {
                while (reading.get()) {
                    smallestPage.accumulateAndGet(
                            Rebuilds.feed(bazaar, quietFeed).size(), Math::min);
                    reads.incrementAndGet();
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (List<Published> own : listings) {
                writers.add(threads.submit(() -> write(own, commands, lastVersion)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> commands.get() >= 100);
            JsonNode started = rebuilds.request("feed");
            assertThat(started.at("/status").asText()).isEqualTo("rebuilding");
            generation = started.at("/targetGeneration").asInt();
            assertThat(started.at("/activeGeneration").asInt()).isEqualTo(generation - 1);
            assertThat(started.at("/startedBy").asText()).isEqualTo(admin.id());
            JsonNode second = rebuilds.refused("feed", HttpStatus.CONFLICT);
            assertThat(second.at("/type").asText()).isEqualTo("/problems/rebuild-running");

            for (Future<?> writer : writers) {
                writer.get(20, TimeUnit.MINUTES);
            }
            assertThat(commands.get()).isEqualTo(SELLERS * COMMANDS_PER_SELLER);
            rebuilds.awaitDone("feed", generation, Duration.ofMinutes(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > 5);
            reading.set(false);
            reader.get(1, TimeUnit.MINUTES);
        } finally {
            reading.set(false);
            threads.shutdownNow();
        }
        assertThat(smallestPage.get()).as("listings seen during the rebuild").isEqualTo(QUIET_LISTINGS);

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(Rebuilds.feed(bazaar)).hasSize(published).containsAll(lastVersion.values()));
        var builtDuringCommands = rebuilds.feedCollections();
        List<String> feedDuringCommands = Rebuilds.feed(bazaar);

        rebuilds.request("feed");
        rebuilds.awaitDone("feed", generation + 1, Duration.ofMinutes(2));
        assertThat(rebuilds.feedCollections()).isEqualTo(builtDuringCommands);
        assertThat(Rebuilds.feed(bazaar)).isEqualTo(feedDuringCommands);
        assertThat(rebuilds.progress("feed").at("/eventsHandled").asLong()).isPositive();
    }

    @Test
    void processorsThatMustNotRunAgainUnknownNamesAndShoppersAreRefused() {
        for (String policy : List.of(
                "order-listings",
                "payments",
                "payment-notifications",
                "listing-availability",
                "payment-deadlines",
                "chat-orders",
                "media-attachments",
                "chat-live")) {
            JsonNode problem = rebuilds.refused(policy, HttpStatus.CONFLICT);
            assertThat(problem.at("/type").asText()).as(policy).isEqualTo("/problems/processor-not-replayable");
            assertThat(problem.at("/detail").asText()).as(policy).contains("cannot be rebuilt");
        }
        assertThat(rebuilds.refused("audit", HttpStatus.CONFLICT).at("/type").asText())
                .isEqualTo("/problems/processor-not-rebuildable-yet");
        assertThat(rebuilds.refused("no-such-processor", HttpStatus.NOT_FOUND)
                        .at("/type")
                        .asText())
                .isEqualTo("/problems/unknown-processor");
        RunningBazaar.User shopper = bazaar.signUp("Curious shopper");
        bazaar.as(shopper)
                .post()
                .uri("/api/v1/admin/processors/feed/rebuild")
                .exchange()
                .expectStatus()
                .isForbidden();
    }

    @Test
    void theListingDetailSellerOrderTrackingCartAndChatReadModelsAreRebuiltLiveToo() {
        RunningBazaar.User seller = bazaar.signUp("Detail seller");
        RunningBazaar.User shopper = bazaar.signUp("Cart shopper");
        String listingId = bazaar.publishedListing(seller, "Detail lamp", 4200);
        String detail = "/api/v1/listings/" + listingId;
        String profile = "/api/v1/sellers/" + seller.id() + "/listings";
        Carts.add(bazaar, shopper, listingId);
        String threadId = bazaar.as(shopper)
                .post()
                .uri("/api/v1/chat/threads")
                .bodyValue(Map.of("listingId", listingId))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .path("id")
                .asText();
        bazaar.as(shopper)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", "rebuild-1", "text", "Is the lamp still there?"))
                .exchange()
                .expectStatus()
                .isCreated();
        String history = "/api/v1/chat/threads/" + threadId + "/messages";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(get(detail).at("/status").asText()).isEqualTo("published");
            assertThat(get(profile).at("/seller/listingCount").asLong()).isEqualTo(1);
            // The profile's items come from the feed, which serves a snapshot a moment in the past (docs/FEED.md).
            assertThat(get(profile).at("/items/0/id").asText()).isEqualTo(listingId);
            assertThat(cart(shopper).at("/lines/0/listingId").asText()).isEqualTo(listingId);
            assertThat(read(shopper, history).at("/items/0/text").asText()).isEqualTo("Is the lamp still there?");
        });
        JsonNode detailBefore = get(detail);
        JsonNode profileBefore = get(profile);
        JsonNode cartBefore = cart(shopper);
        JsonNode inboxBefore = read(shopper, "/api/v1/chat/threads");
        JsonNode historyBefore = read(shopper, history);

        for (String processor : List.of("listing-detail", "sellers", "order-tracking", "carts", "chat")) {
            int generation = rebuilds.request(processor).at("/targetGeneration").asInt();
            rebuilds.awaitDone(processor, generation, Duration.ofMinutes(2));
        }
        assertThat(get(detail)).isEqualTo(detailBefore);
        assertThat(get(profile)).isEqualTo(profileBefore);
        assertThat(cart(shopper)).isEqualTo(cartBefore);
        assertThat(read(shopper, "/api/v1/chat/threads")).isEqualTo(inboxBefore);
        assertThat(read(shopper, history)).isEqualTo(historyBefore);
    }

    private static JsonNode cart(RunningBazaar.User shopper) {
        return read(shopper, "/api/v1/cart");
    }

    private static JsonNode read(RunningBazaar.User user, String uri) {
        return bazaar.as(user)
                .get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
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

    @Test
    void theCommandLineFollowsARebuildWithAProgressBarAndReportsRefusals() {
        AdminCliRun help = AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--no-wait", "--status", "NAME");

        AdminCliRun started = AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "feed", "--no-wait");
        assertThat(started.exitCode()).as(started.err()).isZero();
        assertThat(started.out()).contains("rebuilding feed");
        AdminCliRun refused = AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "feed", "--no-wait");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("already running");
        await().atMost(Duration.ofMinutes(2))
                .until(
                        () -> AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "feed", "--status")
                                .out(),
                        out -> out.contains("100% done feed"));

        AdminCliRun followed = AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "feed", "--poll", "PT0.2S");
        assertThat(followed.exitCode()).as(followed.err()).isZero();
        String last = followed.out().lines().reduce((first, second) -> second).orElseThrow();
        assertThat(last).startsWith("[" + "#".repeat(30) + "] 100% done feed").contains(" active (started ");

        AdminCliRun policy = AdminCliRun.of(bazaar, admin.accessToken(), "rebuild", "order-listings");
        assertThat(policy.exitCode()).isEqualTo(1);
        assertThat(policy.err()).contains("cannot be rebuilt");
    }

    /** Edits the seller's listings round-robin, and every fifth command creates a draft. */
    private static void write(List<Published> own, AtomicInteger commands, Map<String, String> lastVersion) {
        for (int i = 0; i < COMMANDS_PER_SELLER; i++) {
            Published listing = own.get(i % own.size());
            if (i % 5 == 4) {
                bazaar.as(listing.seller())
                        .post()
                        .uri("/api/v1/listings")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Rebuilds.listingBody("Draft " + i, 500, null))
                        .exchange()
                        .expectStatus()
                        .isCreated();
            } else {
                String title = "Edited " + listing.id().substring(0, 8) + " v" + i;
                long price = 2000 + i;
                bazaar.as(listing.seller())
                        .put()
                        .uri("/api/v1/listings/{id}", listing.id())
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Rebuilds.listingBody(title, price, listing.photoId()))
                        .exchange()
                        .expectStatus()
                        .isNoContent();
                lastVersion.put(listing.id(), listing.id() + " " + title + " " + price);
            }
            commands.incrementAndGet();
        }
    }

    private static Published publish(RunningBazaar.User seller, String title, long price) {
        String photoId = bazaar.uploadPhoto(seller);
        String id = bazaar.as(seller)
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Rebuilds.listingBody(title, price, photoId))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        return new Published(seller, id, photoId);
    }
}
