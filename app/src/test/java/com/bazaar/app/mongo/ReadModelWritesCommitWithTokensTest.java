package com.bazaar.app.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.platform.readmodel.RebuildableReadModel;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With the tokens in the embedded store, read-model writes ride on the next synced commit (a token's) instead of
 * paying their own; everything else is still on disk before it is answered. A crash is an MVStore closed without a
 * commit, with H2's background writer off so that only the backend's own commits count.
 */
class ReadModelWritesCommitWithTokensTest {

    private static final Predicate<String> READ_MODELS = MongoConnectionConfiguration.readModelCollections(
            List.of(new RebuildableReadModel("feed", List.of("feed_items", "feed_listings"))));

    @Test
    void aReadModelWriteIsDurableOnceTheTokenAfterItIsAndOnlyThen(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv");
        MVStore store = open(file);
        MongoServer server = new MongoServer(new DurableH2Backend(store, READ_MODELS, new EmbeddedServerInserts()));
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort())) {
            MongoDatabase db = client.getDatabase("bazaar");
            db.getCollection("feed_items").insertOne(new Document("_id", "before-token"));
            db.getCollection("feed_items_g2").insertOne(new Document("_id", "rebuilt-before-token"));
            assertThat(store.hasUnsavedChanges())
                    .as("read-model writes wait for the next commit")
                    .isTrue();
            db.getCollection("trackingtokens").insertOne(new Document("_id", "feed-0"));
            assertThat(store.hasUnsavedChanges()).isFalse();
            db.getCollection("feed_listings").insertOne(new Document("_id", "after-token"));
            db.getCollection("domainevents").insertOne(new Document("_id", "event"));
            db.getCollection("feed_items").insertOne(new Document("_id", "lost-in-the-crash"));
        } finally {
            store.closeImmediately();
            server.shutdownNow();
        }

        MVStore reopened = open(file);
        MongoServer restarted =
                new MongoServer(new DurableH2Backend(reopened, READ_MODELS, new EmbeddedServerInserts()));
        try (MongoClient client =
                MongoClients.create("mongodb://127.0.0.1:" + restarted.bind().getPort())) {
            MongoDatabase db = client.getDatabase("bazaar");
            assertThat(ids(db, "trackingtokens")).containsExactly("feed-0");
            assertThat(ids(db, "domainevents")).containsExactly("event");
            // Made durable by the synced token and event writes that followed them.
            assertThat(ids(db, "feed_items_g2")).containsExactly("rebuilt-before-token");
            assertThat(ids(db, "feed_listings")).containsExactly("after-token");
            // No synced write after it: lost, and applied again from its event since its token was not stored.
            assertThat(ids(db, "feed_items")).containsExactly("before-token");
        } finally {
            restarted.shutdownNow();
            reopened.close();
        }
    }

    @Test
    void onlyRebuildableReadModelCollectionsOfAnyGenerationAreCovered() {
        assertThat(READ_MODELS)
                .accepts("feed_items", "feed_listings", "feed_items_g2", "feed_listings_g13")
                .rejects("trackingtokens", "domainevents", "feed_items_backup", "accounts", "feed");
    }

    private static MVStore open(Path file) {
        return new MVStore.Builder()
                .fileName(file.toString())
                .autoCommitDisabled()
                .open();
    }

    private static List<String> ids(MongoDatabase db, String collection) {
        List<String> ids = new ArrayList<>();
        db.getCollection(collection).find().forEach(document -> ids.add(document.getString("_id")));
        return ids;
    }
}
