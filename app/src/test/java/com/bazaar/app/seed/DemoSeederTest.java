package com.bazaar.app.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Filters;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** The seed command fills an empty system through the public API, once. */
class DemoSeederTest {

    private static final int LISTINGS = 12;

    @TempDir
    Path dataDir;

    @Test
    void seedsPublishedListingsWithPhotosAcrossCategoriesAndOnlyOnce() {
        try (RunningBazaar bazaar = RunningBazaar.start(dataDir, "--bazaar.seed.listings=" + LISTINGS)) {
            JsonNode feed = await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> bazaar.http()
                                    .get()
                                    .uri("/api/v1/feed?limit=100")
                                    .exchange()
                                    .expectBody(JsonNode.class)
                                    .returnResult()
                                    .getResponseBody(),
                            page -> page != null && page.path("items").size() == LISTINGS);
            Set<String> categories = new HashSet<>();
            feed.path("items")
                    .forEach(item -> categories.add(item.path("category").asText()));
            assertThat(categories).hasSizeGreaterThan(3);
            String firstId = feed.path("items").get(0).path("id").asText();
            bazaar.http()
                    .get()
                    .uri("/api/v1/listings/{id}", firstId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("published");
            // The demo accounts sign in with the documented password.
            bazaar.http()
                    .post()
                    .uri("/api/v1/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", DemoSeeder.email(1), "password", DemoSeeder.PASSWORD))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }
        // A second start on the same data finds the demo accounts and adds nothing: once its seeding thread has
        // finished, the event store still holds exactly the first run's listings.
        try (RunningBazaar again = RunningBazaar.start(dataDir, "--bazaar.seed.listings=" + LISTINGS)) {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> Thread.getAllStackTraces().keySet().stream()
                            .noneMatch(thread -> thread.getName().equals("demo-seeder") && thread.isAlive()));
            assertThat(again.bean(MongoClient.class)
                            .getDatabase("bazaar")
                            .getCollection("domainevents")
                            .countDocuments(Filters.eq("payloadType", ListingDraftCreated.class.getName())))
                    .isEqualTo(LISTINGS);
        }
    }
}
