package com.bazaar.platform.readmodel;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The one idempotency guard of the projections: a document keyed by its aggregate's id records the sequence number of
 * the last event applied to it, and an event changes the document only if it is newer. A redelivered or replayed
 * event then matches nothing and changes nothing, and the check and the write are one atomic update.
 */
public final class SequenceGuard {

    /** The field most read models keep the last applied sequence number in. */
    public static final String LAST_SEQUENCE = "lastSequence";

    private SequenceGuard() {}

    /** Applies {@code update} to the document of {@code type} with id {@code id} if the event is newer than it. */
    public static void applyIfNewer(MongoOperations mongo, Class<?> type, String id, long sequence, Update update) {
        mongo.updateFirst(unapplied(id, LAST_SEQUENCE, sequence), applied(update, LAST_SEQUENCE, sequence), type);
    }

    /** As {@link #applyIfNewer(MongoOperations, Class, String, long, Update)}, for a collection named at run time. */
    public static void applyIfNewer(MongoOperations mongo, String collection, String id, long sequence, Update update) {
        applyIfNewer(mongo, collection, id, LAST_SEQUENCE, sequence, update);
    }

    /** As above, with the sequence number kept in {@code sequenceField} (a cart's {@code version}, say). */
    public static void applyIfNewer(
            MongoOperations mongo, String collection, String id, String sequenceField, long sequence, Update update) {
        mongo.updateFirst(unapplied(id, sequenceField, sequence), applied(update, sequenceField, sequence), collection);
    }

    static Query unapplied(String id, String sequenceField, long sequence) {
        return Query.query(where("_id").is(id).and(sequenceField).lt(sequence));
    }

    static Update applied(Update update, String sequenceField, long sequence) {
        return update.set(sequenceField, sequence);
    }
}
