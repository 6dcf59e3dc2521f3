package com.bazaar.app.faults;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;

/**
 * The event store as the application wrote it (collection {@code domainevents} of database {@code bazaar}), read
 * with the plain driver so a test sees exactly what survived, not what a cache or a read model says.
 */
final class StoredEvents implements AutoCloseable {

    /** One stored event: its aggregate, sequence number, payload type and serialized payload as text. */
    record StoredEvent(String aggregateId, long sequence, String payloadType, String payload) {}

    private final MongoClient client;

    StoredEvents(String mongoUri) {
        this.client = MongoClients.create(mongoUri);
    }

    List<StoredEvent> all() {
        List<StoredEvent> events = new ArrayList<>();
        for (Document document : client.getDatabase("bazaar")
                .getCollection("domainevents")
                .find()
                .sort(new Document("aggregateIdentifier", 1).append("sequenceNumber", 1))) {
            Object payload = document.get("serializedPayload");
            events.add(new StoredEvent(
                    document.getString("aggregateIdentifier"),
                    ((Number) document.get("sequenceNumber")).longValue(),
                    document.getString("payloadType"),
                    payload instanceof Document json ? json.toJson() : String.valueOf(payload)));
        }
        return events;
    }

    List<StoredEvent> of(String aggregateId) {
        return all().stream()
                .filter(event -> event.aggregateId().equals(aggregateId))
                .toList();
    }

    @Override
    public void close() {
        client.close();
    }
}
