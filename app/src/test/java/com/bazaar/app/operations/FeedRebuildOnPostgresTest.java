package com.bazaar.app.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A live rebuild of the feed with the event store and the tokens in PostgreSQL (JDBC token store, gap-aware
 * positions): progress counts global positions, the hand-over writes JDBC tokens, the feed ends as it was.
 */
class FeedRebuildOnPostgresTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.startOnPostgres(dataDir, Rebuilds.SETTINGS);
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void theFeedIsRebuiltBesideTheLiveOneAndTheLiveProcessorGoesOnFromTheRebuildsPosition() {
        RunningBazaar.User admin = bazaar.signUp("Postgres rebuild admin", Rebuilds.ADMIN_EMAIL);
        RunningBazaar.User seller = bazaar.signUp("Postgres rebuild seller");
        for (int i = 0; i < 10; i++) {
            bazaar.publishedListing(seller, "Postgres listing " + i, 1000 + i);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> Rebuilds.feed(bazaar).size() == 10);
        List<String> before = Rebuilds.feed(bazaar);
        Map<String, ?> collectionsBefore = new Rebuilds(bazaar, admin).feedCollections();

        Rebuilds rebuilds = new Rebuilds(bazaar, admin);
        rebuilds.request("feed");
        JsonNode done = rebuilds.awaitDone("feed", 1, Duration.ofMinutes(2));
        assertThat(done.at("/eventsTotal").asLong()).isPositive();
        assertThat(done.at("/eventsHandled").asLong()).isPositive();
        assertThat(Rebuilds.feed(bazaar)).isEqualTo(before);
        assertThat(rebuilds.feedCollections()).isEqualTo(collectionsBefore);

        String after = bazaar.publishedListing(seller, "Published after the swap", 3000);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Rebuilds.feed(bazaar))
                        .hasSize(11)
                        .anyMatch(item -> item.startsWith(after + " Published after the swap")));
    }
}
