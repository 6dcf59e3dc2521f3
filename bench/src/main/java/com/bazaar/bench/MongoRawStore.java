package com.bazaar.bench;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.bson.Document;

/**
 * {@link RawStore} on the application's MongoDB (embedded server or MONGODB_URI) through the application's own
 * MongoClient, with Axon's document-per-event field names. The scratch collection sits in the events' database.
 */
final class MongoRawStore implements RawStore {

    private static final int BATCH = 1_000;

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> scratch;
    private final MongoCollection<Document> snapshots;

    MongoRawStore(MongoClient client, MongoTemplate axonTemplate) {
        this.events = axonTemplate.eventCollection();
        this.snapshots = axonTemplate.snapshotCollection();
        this.scratch =
                client.getDatabase(events.getNamespace().getDatabaseName()).getCollection("bench_scratch_events");
    }

    @Override
    public void prepareScratch() {
        // Same unique key as domainevents: the store checks it on every insert, as on every append.
        scratch.createIndex(
                Indexes.ascending("aggregateIdentifier", "sequenceNumber"), new IndexOptions().unique(true));
    }

    @Override
    public void insert(String aggregateId, long sequence, String eventId, String payloadType, byte[] payload) {
        scratch.insertOne(new Document("aggregateIdentifier", aggregateId)
                .append("type", "Listing")
                .append("sequenceNumber", sequence)
                .append("eventIdentifier", eventId)
                .append("timestamp", Instant.now().toString())
                .append("payloadType", payloadType)
                .append("payloadRevision", "2")
                .append("serializedPayload", new String(payload, StandardCharsets.UTF_8))
                .append("serializedMetaData", "{}"));
    }

    @Override
    public long readAllEvents() {
        return drain(events.find().batchSize(BATCH).iterator());
    }

    @Override
    public long readAggregate(String aggregateId) {
        return drain(events.find(eq("aggregateIdentifier", aggregateId))
                .sort(Sorts.ascending("sequenceNumber"))
                .batchSize(BATCH)
                .iterator());
    }

    @Override
    public void deleteSnapshots(String aggregateId) {
        snapshots.deleteMany(eq("aggregateIdentifier", aggregateId));
    }

    @Override
    public long countEvents() {
        return events.countDocuments();
    }

    /** Counts the documents; the driver decodes each one whole (payload included) as it arrives. */
    private static long drain(MongoCursor<Document> cursor) {
        long count = 0;
        try (cursor) {
            while (cursor.hasNext()) {
                cursor.next();
                count++;
            }
        }
        return count;
    }
}
