package com.bazaar.platform.readmodel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A projection's updates and upserts held until the end of its batch ({@link BatchedWrites}) and sent as one
 * <em>ordered</em> bulk request per collection: the server applies them one after another in the order the handlers
 * made them, so the outcome is that of sending them one by one (each guard is still checked against the document as
 * the writes before it left it). Only for handlers that never read what they write: a read in the same batch would
 * not see the held writes.
 */
public final class OrderedBulkWrites implements BatchedWrites.Buffer {

    private final MongoOperations mongo;
    private final Map<Target, List<Write>> writes = new LinkedHashMap<>();

    private OrderedBulkWrites(MongoOperations mongo) {
        this.mongo = mongo;
    }

    /** As {@link MongoOperations#upsert(Query, org.springframework.data.mongodb.core.query.UpdateDefinition, Class)}. */
    public static void upsert(MongoOperations mongo, Class<?> type, Query query, Update update) {
        hold(mongo, new Target(type, mongo.getCollectionName(type)), new Write(query, update, true));
    }

    /** As {@link MongoOperations#upsert(Query, org.springframework.data.mongodb.core.query.UpdateDefinition, String)}. */
    public static void upsert(MongoOperations mongo, String collection, Query query, Update update) {
        hold(mongo, new Target(null, collection), new Write(query, update, true));
    }

    /** As {@link MongoOperations#updateFirst(Query, org.springframework.data.mongodb.core.query.UpdateDefinition, Class)}. */
    public static void updateFirst(MongoOperations mongo, Class<?> type, Query query, Update update) {
        hold(mongo, new Target(type, mongo.getCollectionName(type)), new Write(query, update, false));
    }

    /** As {@link SequenceGuard#applyIfNewer(MongoOperations, Class, String, long, Update)}. */
    public static void applyIfNewer(MongoOperations mongo, Class<?> type, String id, long sequence, Update update) {
        hold(
                mongo,
                new Target(type, mongo.getCollectionName(type)),
                guarded(id, SequenceGuard.LAST_SEQUENCE, sequence, update));
    }

    /** As {@link SequenceGuard#applyIfNewer(MongoOperations, String, String, String, long, Update)}. */
    public static void applyIfNewer(
            MongoOperations mongo, String collection, String id, String sequenceField, long sequence, Update update) {
        hold(mongo, new Target(null, collection), guarded(id, sequenceField, sequence, update));
    }

    private static Write guarded(String id, String sequenceField, long sequence, Update update) {
        return new Write(
                SequenceGuard.unapplied(id, sequenceField, sequence),
                SequenceGuard.applied(update, sequenceField, sequence),
                false);
    }

    /** The collection is resolved now, in the handler's unit of work: a rebuild's writes go to its generation. */
    private static void hold(MongoOperations mongo, Target target, Write write) {
        BatchedWrites.apply(
                OrderedBulkWrites.class,
                () -> new OrderedBulkWrites(mongo),
                buffer -> buffer.writes
                        .computeIfAbsent(target, key -> new ArrayList<>())
                        .add(write));
    }

    @Override
    public void flush() {
        writes.forEach((target, held) -> {
            BulkOperations bulk = mongo.bulkOps(BulkMode.ORDERED, target.type(), target.collection());
            for (Write write : held) {
                if (write.upsert()) {
                    bulk.upsert(write.query(), write.update());
                } else {
                    bulk.updateOne(write.query(), write.update());
                }
            }
            bulk.execute();
        });
    }

    /** The entity type maps the update's values as a write through that type would; null for a plain collection. */
    private record Target(Class<?> type, String collection) {}

    private record Write(Query query, Update update, boolean upsert) {}
}
