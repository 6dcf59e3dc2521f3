package com.bazaar.app.cluster;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two application nodes on one pair of stores: what one node accepts, the other serves. */
class TwoNodesTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar nodeA;
    private static RunningBazaar nodeB;

    @BeforeAll
    static void start() {
        nodeA = RunningBazaar.startFirstNode(dataDir.resolve("a"));
        nodeB = nodeA.join(dataDir.resolve("b"));
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
    void aListingPublishedThroughOneNodeWithAPhotoUploadedThroughTheOtherIsServedByBoth() {
        RunningBazaar.User seller = nodeA.signUp("Two-node seller");
        String photoId = nodeB.uploadPhoto(seller);
        assertThat(photoId).isNotBlank();
        String listingId = nodeA.publishedListing(seller, "Lamp sold on node A", 1500);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode detail = nodeB.http().get().uri("/api/v1/listings/{id}", listingId).exchange()
                    .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
            assertThat(detail.get("title").asText()).isEqualTo("Lamp sold on node A");
        });
    }
}
