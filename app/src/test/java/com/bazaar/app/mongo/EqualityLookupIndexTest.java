package com.bazaar.app.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.index.MemoryUniqueIndex;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EqualityLookupIndexTest {

    private static de.bwaldvogel.mongo.bson.Document query(Object... keysAndValues) {
        de.bwaldvogel.mongo.bson.Document query = new de.bwaldvogel.mongo.bson.Document();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            query.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return query;
    }

    @Test
    void aQueryNamingTheIdWithAPlainValueAndMoreConditionsIsAnsweredFromTheIndex() {
        Index<Integer> stock = new MemoryUniqueIndex("_id_", List.of(new IndexKey("_id", true)), false);
        Index<Integer> index = EqualityLookupIndex.wrap(stock);
        for (int position = 0; position < 100; position++) {
            index.add(query("_id", "d-" + position), position, null);
        }
        de.bwaldvogel.mongo.bson.Document guarded = query("_id", "d-7", "lastSequence", query("$lt", 3L));

        // The library alone scans the collection for this query (the cost this class removes).
        assertThat(stock.canHandle(guarded)).isFalse();
        assertThat(index.canHandle(guarded)).isTrue();
        assertThat(index.getPositions(guarded)).containsExactly(7);
        assertThat(index.getPositions(query("_id", "missing", "lastSequence", query("$lt", 3L))))
                .isEmpty();
        // What the library does itself is unchanged.
        assertThat(index.canHandle(query("_id", "d-7"))).isTrue();
        assertThat(index.getPositions(query("_id", "d-7"))).containsExactly(7);
        // Anything but a plain value keeps the scan: operators, null (documents without the field), arrays.
        assertThat(index.canHandle(query("_id", query("$gt", "d-1"), "a", 1))).isFalse();
        assertThat(index.canHandle(query("_id", null, "a", 1))).isFalse();
        assertThat(index.canHandle(query("_id", List.of("d-1", "d-2"), "a", 1))).isFalse();
        assertThat(index.canHandle(query("a", 1))).isFalse();
        // A compound unique index is left as it is.
        Index<Integer> compound =
                new MemoryUniqueIndex("a_b", List.of(new IndexKey("a", true), new IndexKey("b", true)), false);
        assertThat(EqualityLookupIndex.wrap(compound)).isSameAs(compound);
    }

    @Test
    void conditionalUpdatesAndQueriesOverTheWireAnswerWhatAScanWould(@TempDir Path dir) {
        MVStore store = new MVStore.Builder()
                .fileName(dir.resolve("mongo.mv").toString())
                .open();
        MongoServer server =
                new MongoServer(new DurableH2Backend(store, collection -> false, new EmbeddedServerInserts()));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> models = client.getDatabase("bazaar").getCollection("read_model");
            List<Document> documents = new ArrayList<>();
            IntStream.range(0, 500)
                    .forEach(i -> documents.add(new Document("_id", "d-" + i)
                            .append("lastSequence", 2L)
                            .append("tag", i % 2 == 0 ? "even" : "odd")));
            models.insertMany(documents);

            // The sequence guard: an older or equal event changes nothing, a newer one applies once.
            assertThat(models.updateOne(
                                    Filters.and(Filters.eq("_id", "d-7"), Filters.lt("lastSequence", 2L)),
                                    Updates.set("lastSequence", 2L))
                            .getModifiedCount())
                    .isZero();
            assertThat(models.updateOne(
                                    Filters.and(Filters.eq("_id", "d-7"), Filters.lt("lastSequence", 3L)),
                                    Updates.combine(Updates.set("lastSequence", 3L), Updates.set("title", "new")))
                            .getModifiedCount())
                    .isEqualTo(1);
            assertThat(models.updateOne(
                                    Filters.and(Filters.eq("_id", "d-7"), Filters.lt("lastSequence", 3L)),
                                    Updates.set("title", "again"))
                            .getModifiedCount())
                    .isZero();
            assertThat(models.find(Filters.eq("_id", "d-7")).first())
                    .containsEntry("lastSequence", 3L)
                    .containsEntry("title", "new");

            // Equality plus other conditions: the document when it matches them all, nothing otherwise.
            assertThat(models.find(Filters.and(Filters.eq("_id", "d-8"), Filters.eq("tag", "even"))))
                    .extracting(found -> found.getString("_id"))
                    .containsExactly("d-8");
            assertThat(models.find(Filters.and(Filters.eq("_id", "d-8"), Filters.eq("tag", "odd"))))
                    .isEmpty();
            assertThat(models.find(Filters.and(Filters.eq("_id", "missing"), Filters.eq("tag", "odd"))))
                    .isEmpty();
            assertThat(models.countDocuments(Filters.eq("tag", "odd"))).isEqualTo(250);
            // An upsert whose guard fails on an existing document must not insert a second one with the same id.
            models.updateOne(
                    Filters.and(Filters.eq("_id", "d-9"), Filters.lt("lastSequence", 1L)),
                    Updates.set("title", "stale"));
            assertThat(models.countDocuments(Filters.eq("_id", "d-9"))).isEqualTo(1);
        } finally {
            server.shutdownNow();
            store.close();
        }
    }
}
