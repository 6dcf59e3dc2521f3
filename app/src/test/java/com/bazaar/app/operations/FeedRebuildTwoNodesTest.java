package com.bazaar.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.platform.readmodel.ReadModelCollections;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A rebuild on a cluster of two nodes: asked on node A, built there only (node B's request is refused while it
 * runs), while node B keeps answering the feed from the old generation; after the swap node B reads and writes the
 * new generation.
 */
class FeedRebuildTwoNodesTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar nodeA;
    private static RunningBazaar nodeB;

    @BeforeAll
    static void start() {
        nodeA = RunningBazaar.startFirstNode(dataDir.resolve("a"), Rebuilds.SETTINGS);
        nodeB = nodeA.join(dataDir.resolve("b"), Rebuilds.SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
    }

    @Test
    void nodeBKeepsAnsweringDuringARebuildOnNodeAAndFollowsTheSwap() throws Exception {
        RunningBazaar.User admin = nodeA.signUp("Cluster rebuild admin", Rebuilds.ADMIN_EMAIL);
        RunningBazaar.User seller = nodeA.signUp("Cluster rebuild seller");
        List<String> listings = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            listings.add(nodeA.publishedListing(seller, "Cluster listing " + i, 1000 + i));
        }
        RunningBazaar.User quiet = nodeA.signUp("Cluster quiet seller");
        for (int i = 0; i < 8; i++) {
            nodeA.publishedListing(quiet, "Quiet cluster listing " + i, 700 + i);
        }
        String quietFeed = "&sellerId=" + quiet.id();
        await().atMost(Duration.ofSeconds(30)).until(() -> Rebuilds.feed(nodeB).size() == listings.size() + 8);

        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger smallestPage = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger reads = new AtomicInteger();
        ExecutorService reader = Executors.newSingleThreadExecutor();
        Rebuilds onA = new Rebuilds(nodeA, admin);
        Rebuilds onB = new Rebuilds(nodeB, admin);
        try {
            Future<?> reading_ = reader.submit(() -> {
                while (reading.get()) {
                    smallestPage.accumulateAndGet(
                            Rebuilds.feed(nodeB, quietFeed).size(), Math::min);
                    reads.incrementAndGet();
                }
            });
            onA.request("feed");
            assertThat(onB.refused("feed", HttpStatus.CONFLICT).at("/type").asText())
                    .isEqualTo("/problems/rebuild-running");
            rename(nodeB, seller, listings.get(0), "Renamed on B during the rebuild");
            onA.awaitDone("feed", 1, Duration.ofMinutes(3));
            assertThat(onB.progress("feed").at("/status").asText()).isEqualTo("done");
            await().atMost(Duration.ofSeconds(30)).until(() -> reads.get() > 3);
            reading.set(false);
            reading_.get(1, TimeUnit.MINUTES);
        } finally {
            reading.set(false);
            reader.shutdownNow();
        }
        assertThat(smallestPage.get())
                .as("listings node B showed during the rebuild")
                .isEqualTo(8);

        assertThat(nodeB.bean(ReadModelCollections.class).name("feed_items")).isEqualTo("feed_items_g1");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> nodeB.bean(EventProcessingConfiguration.class)
                        .eventProcessor("feed", StreamingEventProcessor.class)
                        .orElseThrow()
                        .isRunning());
        rename(nodeB, seller, listings.get(1), "Renamed on B after the swap");
        for (RunningBazaar node : List.of(nodeA, nodeB)) {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Rebuilds.feed(node))
                            .anyMatch(item -> item.startsWith(listings.get(0) + " Renamed on B during the rebuild"))
                            .anyMatch(item -> item.startsWith(listings.get(1) + " Renamed on B after the swap"))
                            .hasSize(listings.size() + 8));
        }
    }

    private static void rename(RunningBazaar node, RunningBazaar.User seller, String listingId, String title) {
        String photoId = node.as(seller)
                .get()
                .uri("/api/v1/listings/{id}", listingId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(com.fasterxml.jackson.databind.JsonNode.class)
                .returnResult()
                .getResponseBody()
                .at("/photoIds/0")
                .asText();
        node.as(seller)
                .put()
                .uri("/api/v1/listings/{id}", listingId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Rebuilds.listingBody(title, 1500, photoId))
                .exchange()
                .expectStatus()
                .isNoContent();
    }
}
