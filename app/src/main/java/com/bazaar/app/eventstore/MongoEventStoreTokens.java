package com.bazaar.app.eventstore;

import com.bazaar.platform.consistency.EventStoreTokens;
import com.mongodb.client.model.Filters;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Read-your-writes on the MongoDB event store. An event's tracking position is its timestamp and id (what the storage
 * strategy tracks), known as soon as the event is; segment tokens are read straight from the token collection,
 * because {@code TokenStore#fetchToken} claims the segment it reads.
 */
class MongoEventStoreTokens implements EventStoreTokens {

    private final MongoTemplate axonMongoTemplate;
    private final Serializer serializer;

    MongoEventStoreTokens(MongoTemplate axonMongoTemplate, Serializer serializer) {
        this.axonMongoTemplate = axonMongoTemplate;
        this.serializer = serializer;
    }

    @Override
    public Optional<TrackingToken> tokenOf(EventMessage<?> event) {
        return Optional.of(MongoTrackingToken.of(event.getTimestamp(), event.getIdentifier()));
    }

    @Override
    public Map<Integer, TrackingToken> segmentTokens(String processorName) {
        Map<Integer, TrackingToken> segments = new TreeMap<>();
        for (Document entry :
                axonMongoTemplate.trackingTokensCollection().find(Filters.eq("processorName", processorName))) {
            Object token = entry.get("token");
            byte[] data =
                    token instanceof Binary binary ? binary.getData() : token instanceof byte[] bytes ? bytes : null;
            segments.put(
                    entry.getInteger("segment"),
                    data == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(
                                    data, byte[].class, entry.getString("tokenType"), null)));
        }
        return segments;
    }
}
