package com.bazaar.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/** The projections' idempotency guard against the embedded wire-protocol server: each event applies once, in order. */
class SequenceGuardTest {

    private static final String COLLECTION = "guarded";

    private static MongoServer server;
    private static MongoClient client;
    private static MongoTemplate mongo;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "sequence-guard");
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aRedeliveredOrOlderEventChangesNothing() {
        String id = UUID.randomUUID().toString();
        mongo.insert(
                new Document("_id", id).append(SequenceGuard.LAST_SEQUENCE, 0L).append("applied", 0), COLLECTION);

        apply(id, 1, "first");
        apply(id, 1, "first again");
        apply(id, 2, "second");
        apply(id, 1, "first, late");
        apply(id, 2, "second again");

        Document stored = mongo.findById(id, Document.class, COLLECTION);
        assertThat(stored.getInteger("applied")).isEqualTo(2);
        assertThat(stored.getString("value")).isEqualTo("second");
        assertThat(stored.getLong(SequenceGuard.LAST_SEQUENCE)).isEqualTo(2L);
    }

    @Test
    void anotherSequenceFieldIsGuardedTheSameWay() {
        String id = UUID.randomUUID().toString();
        mongo.insert(new Document("_id", id).append("version", 3L).append("applied", 0), COLLECTION);

        SequenceGuard.applyIfNewer(mongo, COLLECTION, id, "version", 3, new Update().inc("applied", 1));
        SequenceGuard.applyIfNewer(mongo, COLLECTION, id, "version", 4, new Update().inc("applied", 1));

        Document stored = mongo.findById(id, Document.class, COLLECTION);
        assertThat(stored.getInteger("applied")).isEqualTo(1);
        assertThat(stored.getLong("version")).isEqualTo(4L);
    }

    private static void apply(String id, long sequence, String value) {
        SequenceGuard.applyIfNewer(
                mongo,
                COLLECTION,
                id,
                sequence,
                new Update().set("value", value).inc("applied", 1));
    }
}
