package com.bazaar.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The projections' idempotency guard against the embedded wire-protocol server: each event applies once, in order;
 * and the same guarded writes held for a batch ({@link OrderedBulkWrites}) end exactly as when sent one by one.
 */
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

    @Test
    void aBatchOfHeldWritesEndsAsTheSameWritesOneByOneAndNothingIsSentBeforeItsEnd() {
        String id = UUID.randomUUID().toString();
        List<Consumer<String>> events = List.of(
                collection -> createHeld(collection, id),
                collection -> held(collection, id, 1, "first"),
                collection -> held(collection, id, 1, "first again"),
                collection -> createHeld(collection, id),
                collection -> held(collection, id, 3, "third"),
                collection -> held(collection, id, 2, "second, late"),
                collection -> held(collection, id, 4, "fourth"));

        String oneByOne = "one_by_one_" + id;
        events.forEach(event -> event.accept(oneByOne));

        String batched = "batched_" + id;
        List<EventMessage<?>> batch = events.stream()
                .<EventMessage<?>>map(GenericEventMessage::asEventMessage)
                .toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        List<Long> storedWhileHandling = new ArrayList<>();
        unitOfWork.executeWithResult(() -> BatchedWrites.flushAtEndOfBatch()
                .handle(unitOfWork, new DefaultInterceptorChain<>(unitOfWork, List.of(), event -> {
                    @SuppressWarnings("unchecked")
                    Consumer<String> write = (Consumer<String>) event.getPayload();
                    write.accept(batched);
                    storedWhileHandling.add(mongo.getCollection(batched).countDocuments());
                    return null;
                })));

        assertThat(storedWhileHandling).containsOnly(0L);
        assertThat(documents(batched)).isEqualTo(documents(oneByOne));
        assertThat(documents(batched)).singleElement().satisfies(document -> {
            assertThat(document.getString("value")).isEqualTo("fourth");
            assertThat(document.getInteger("applied")).isEqualTo(3);
            assertThat(document.getLong(SequenceGuard.LAST_SEQUENCE)).isEqualTo(4L);
        });
    }

    private static void createHeld(String collection, String id) {
        OrderedBulkWrites.upsert(
                mongo,
                collection,
                Query.query(where("_id").is(id)),
                new Update().setOnInsert(SequenceGuard.LAST_SEQUENCE, 0L).setOnInsert("applied", 0));
    }

    private static void held(String collection, String id, long sequence, String value) {
        OrderedBulkWrites.applyIfNewer(
                mongo,
                collection,
                id,
                SequenceGuard.LAST_SEQUENCE,
                sequence,
                new Update().set("value", value).inc("applied", 1));
    }

    private static List<Document> documents(String collection) {
        return mongo.find(new Query().with(Sort.by("_id")), Document.class, collection);
    }
}
