package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderParty;
import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/**
 * An order delivered under an older release (revision 1 of OrderDelivered: the order id alone, stored as written) is
 * read as revision 2, confirmed by the seller, by the event store, the aggregate and the order tracking projection;
 * today's deliveries record who confirmed them.
 */
class OrderDeliveredUpcastingTest {

    @TempDir
    Path dataDir;

    RunningBazaar startBazaar(Path dir) {
        return RunningBazaar.start(dir);
    }

    @Test
    void aRevisionOneDeliveryIsReadAsConfirmedByTheSellerAndTodaysRecordWhoConfirmed() {
        try (RunningBazaar bazaar = startBazaar(dataDir)) {
            User seller = bazaar.signUp("Upcast seller");
            User buyer = bazaar.signUp("Upcast buyer");
            String oldOrder = shippedOrder(bazaar, seller, buyer, "Old boots");
            EventStore events = bazaar.bean(EventStore.class);
            long next = events.readEvents(oldOrder, 0).asStream().count();
            storeRevisionOneDelivery(bazaar, oldOrder, next, "{\"orderId\":\"%s\"}".formatted(oldOrder));

            assertThat(events.readEvents(oldOrder, 0)
                            .asStream()
                            .map(DomainEventMessage::getPayload)
                            .toList())
                    .last()
                    .isEqualTo(new OrderDelivered(oldOrder, OrderParty.SELLER));
            JsonNode delivered = awaitStatus(bazaar, buyer, oldOrder, "DELIVERED");
            assertThat(delivered.at("/timeline/3/note").asText()).isEqualTo("confirmed by the seller");
            // The aggregate is sourced from the upcast event: it is delivered, so a second confirmation conflicts.
            bazaar.as(buyer)
                    .post()
                    .uri("/api/v1/orders/{id}/deliver", oldOrder)
                    .exchange()
                    .expectStatus()
                    .isEqualTo(409);

            String newOrder = shippedOrder(bazaar, seller, buyer, "New boots");
            bazaar.as(buyer)
                    .post()
                    .uri("/api/v1/orders/{id}/deliver", newOrder)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            assertThat(awaitStatus(bazaar, buyer, newOrder, "DELIVERED")
                            .at("/timeline/3/note")
                            .asText())
                    .isEqualTo("confirmed by the buyer");
        }
    }

    private static String shippedOrder(RunningBazaar bazaar, User seller, User buyer, String title) {
        String orderId = Carts.checkOut(bazaar, buyer, bazaar.publishedListing(seller, title, 5000));
        bazaar.bean(CommandGateway.class).sendAndWait(new ConfirmPayment(orderId, "pi_" + orderId));
        awaitStatus(bazaar, buyer, orderId, "PAID");
        bazaar.as(seller)
                .post()
                .uri("/api/v1/orders/{id}/ship", orderId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JJD" + title.length()))
                .exchange()
                .expectStatus()
                .isNoContent();
        awaitStatus(bazaar, buyer, orderId, "SHIPPED");
        return orderId;
    }

    private static JsonNode awaitStatus(RunningBazaar bazaar, User reader, String orderId, String status) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> bazaar.as(reader)
                                .get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        order -> order != null
                                && status.equals(order.path("status").asText()));
    }

    /**
     * Writes the row an older release wrote for a delivery: the envelope (type, metadata) of the order's previous
     * event, a timestamp of now (so tracking processors see it as new), payload and revision of revision 1.
     */
    void storeRevisionOneDelivery(RunningBazaar bazaar, String orderId, long sequence, String payload) {
        MongoCollection<Document> events = bazaar.bean(MongoTemplate.class).getCollection("domainevents");
        Document previous = events.find(new Document("aggregateIdentifier", orderId))
                .sort(new Document("sequenceNumber", -1))
                .first();
        assertThat(previous).isNotNull();
        Document v1 = new Document(previous);
        v1.remove("_id");
        v1.put("sequenceNumber", sequence);
        v1.put("eventIdentifier", UUID.randomUUID().toString());
        v1.put(
                "timestamp",
                previous.get("timestamp") instanceof String
                        ? Instant.now().toString()
                        : java.util.Date.from(Instant.now()));
        v1.put("payloadType", OrderDelivered.class.getName());
        v1.put("payloadRevision", "1");
        v1.put("serializedPayload", payload);
        events.insertOne(v1);
    }
}
