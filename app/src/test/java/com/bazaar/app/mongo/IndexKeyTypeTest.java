package com.bazaar.app.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.bson.Document;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded server's index keys compare in H2's own order and are written as H2 writes them ({@link IndexKeyType}):
 * a file written by the stock backend is read by ours and the other way round, every key found by lookup, uniqueness
 * still enforced.
 */
class IndexKeyTypeTest {

    private static final int DOCUMENTS = 2_000;

    @Test
    void ordersKeysExactlyAsH2Does() {
        ObjectDataType stock = new ObjectDataType();
        IndexKeyType ours = new IndexKeyType();
        List<KeyValue> keys = new ArrayList<>();
        IntStream.range(0, 300).forEach(i -> {
            keys.add(new KeyValue("listing-" + i));
            keys.add(new KeyValue((long) i * 7919 - 1000));
            keys.add(new KeyValue(i, "b-" + (i % 13)));
        });
        for (KeyValue a : keys.subList(0, 200)) {
            for (KeyValue b : keys) {
                assertThat(Integer.signum(ours.compare(a, b)))
                        .as("%s vs %s", a, b)
                        .isEqualTo(Integer.signum(stock.compare(a, b)));
            }
        }
    }

    @Test
    void writesAndReadsKeysAsH2Does() {
        ObjectDataType stock = new ObjectDataType();
        IndexKeyType ours = new IndexKeyType();
        for (KeyValue key : List.of(new KeyValue("listing-1"), new KeyValue(42L), new KeyValue("a", 7, "b"))) {
            byte[] written = bytes(ours, key);
            assertThat(written).as("%s", key).isEqualTo(bytes(stock, key));
            Object read = ours.read(ByteBuffer.wrap(written));
            assertThat(read).isEqualTo(key);
            // Its kept form is the one it was read from; written again, the same bytes.
            assertThat(bytes(ours, read)).isEqualTo(written);
            assertThat(ours.getMemory(read)).isEqualTo(2 * ObjectDataType.serialize(read).length);
        }
        // Anything else (the indexes' values are document ids) is H2's business, unchanged.
        assertThat(bytes(ours, "d-1")).isEqualTo(bytes(stock, "d-1"));
        assertThat(ours.read(ByteBuffer.wrap(bytes(stock, 7L)))).isEqualTo(7L);
    }

    private static byte[] bytes(ObjectDataType type, Object value) {
        WriteBuffer buffer = new WriteBuffer();
        type.write(buffer, value);
        ByteBuffer written = buffer.getBuffer();
        written.flip();
        byte[] bytes = new byte[written.remaining()];
        written.get(bytes);
        return bytes;
    }

    @Test
    void aFileWrittenByEitherBackendIsReadByTheOther(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv");
        // Written by the stock backend (H2's own key comparison), read and extended by ours, read again by the stock.
        session(file, H2Backend::new, (store, models) -> fillAndCheck(models));
        session(file, IndexKeyTypeTest::durable, (store, models) -> {
            check(models);
            models.insertMany(documents(DOCUMENTS, 2 * DOCUMENTS));
        });
        session(file, H2Backend::new, (store, models) -> {
            check(models);
            assertThat(models.find(Filters.eq("_id", "d-" + (DOCUMENTS + 17))).first())
                    .isNotNull();
            assertThat(models.find(Filters.eq("code", DOCUMENTS + 17L)).first()).isNotNull();
        });
    }

    @Test
    void theServersIndexMapsUseTheCheaperComparison(@TempDir Path dir) {
        session(dir.resolve("mongo.mv"), IndexKeyTypeTest::durable, (store, models) -> {
            fillAndCheck(models);
            List<String> indexMaps = store.getMapNames().stream()
                    .filter(name -> name.contains("._index_"))
                    .toList();
            // _id and code, and no map opened under a name the stock index does not use.
            assertThat(indexMaps)
                    .containsExactlyInAnyOrder("bazaar.read_model._index__id_", "bazaar.read_model._index_code_1");
            assertThat(indexMaps)
                    .allSatisfy(
                            name -> assertThat(store.openMap(name).getKeyType()).isInstanceOf(IndexKeyType.class));
        });
    }

    private static void fillAndCheck(MongoCollection<Document> models) {
        models.createIndex(Indexes.ascending("code"), new IndexOptions().unique(true));
        models.insertMany(documents(0, DOCUMENTS));
        check(models);
    }

    private static void check(MongoCollection<Document> models) {
        for (int i = 0; i < DOCUMENTS; i += 7) {
            assertThat(models.find(Filters.eq("_id", "d-" + i)).first())
                    .as("d-%d", i)
                    .isNotNull()
                    .extracting(document -> document.get("code"))
                    .isEqualTo((long) i);
            assertThat(models.find(Filters.eq("code", (long) i)).first()).isNotNull();
        }
        assertThat(models.find(Filters.eq("_id", "d-missing")).first()).isNull();
        assertThatThrownBy(() -> models.insertOne(new Document("_id", "d-3").append("code", -1L)))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
        assertThatThrownBy(() -> models.insertOne(new Document("_id", "other").append("code", 3L)))
                .isInstanceOf(MongoWriteException.class)
                .hasMessageContaining("duplicate key");
    }

    private static MongoBackend durable(MVStore store) {
        return new DurableH2Backend(store, collection -> false, new EmbeddedServerInserts());
    }

    private static List<Document> documents(int from, int to) {
        return IntStream.range(from, to)
                .mapToObj(i -> new Document("_id", "d-" + i).append("code", (long) i))
                .toList();
    }

    private static void session(
            Path file, Function<MVStore, MongoBackend> backend, BiConsumer<MVStore, MongoCollection<Document>> work) {
        MVStore store = new MVStore.Builder().fileName(file.toString()).open();
        MongoServer server = new MongoServer(backend.apply(store));
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            work.accept(store, client.getDatabase("bazaar").getCollection("read_model"));
        } finally {
            server.shutdownNow();
            store.close();
        }
    }
}
