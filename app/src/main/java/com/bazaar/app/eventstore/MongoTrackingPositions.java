package com.bazaar.app.eventstore;

import com.bazaar.operations.processors.TrackingPositions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Tracking positions in the MongoDB event store: events are not numbered, so a position is the timestamp of an event
 * (a Mongo tracking token carries the timestamp of the newest event it has seen). Token rows are read straight from
 * the token store's collection, never claimed.
 */
final class MongoTrackingPositions implements TrackingPositions {

    private final MongoTemplate template;
    private final Serializer serializer;

    MongoTrackingPositions(MongoTemplate template, Serializer serializer) {
        this.template = template;
        this.serializer = serializer;
    }

    @Override
    public Position head() {
        // Timestamps are stored as fixed-width ISO-8601 strings, so their order as text is their order in time.
        Document newest = template.eventCollection()
                .find()
                .sort(Sorts.descending("timestamp"))
                .limit(1)
                .first();
        return newest == null
                ? Position.UNKNOWN
                : new Position(null, DateTimeUtils.parseInstant(newest.getString("timestamp")));
    }

    @Override
    public Position of(TrackingToken token) {
        return WrappedToken.unwrap(token, MongoTrackingToken.class)
                .map(mongoToken -> new Position(null, mongoToken.getTimestamp()))
                .orElse(Position.UNKNOWN);
    }

    @Override
    public boolean numbersEvents() {
        return false;
    }

    @Override
    public List<StoredSegment> segments(String processorName) {
        List<StoredSegment> segments = new ArrayList<>();
        for (Document row : template.trackingTokensCollection()
                .find(Filters.eq("processorName", processorName))
                .sort(Sorts.ascending("segment"))) {
            Binary token = row.get("token", Binary.class);
            segments.add(new StoredSegment(
                    ((Number) row.get("segment")).intValue(),
                    row.getString("owner"),
                    StoredTokens.deserialize(
                            serializer, token == null ? null : token.getData(), row.getString("tokenType"))));
        }
        return segments;
    }
}
