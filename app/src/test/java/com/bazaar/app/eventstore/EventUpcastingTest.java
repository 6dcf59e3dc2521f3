package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.mongodb.client.MongoCollection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;

/**
 * A listing created by an older release (revision 1 of ListingDraftCreated, stored before photos and shipping
 * existed) is still read by today's aggregate and event store: the stored document is left as written and upcast on
 * every read.
 */
class EventUpcastingTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir);
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void aRevisionOneDraftIsReadAsRevisionTwoAndCanBeEditedToday() {
        User seller = bazaar.signUp("Veteran Seller");
        String listingId = UUID.randomUUID().toString();
        storeRevisionOneDraft(listingId, seller.id());

        List<? extends DomainEventMessage<?>> history =
                bazaar.bean(EventStore.class).readEvents(listingId).asStream().toList();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).getPayload())
                .isEqualTo(new ListingDraftCreated(
                        listingId,
                        seller.id(),
                        new ListingDetails(
                                "Wool coat",
                                "Grandma's",
                                new Money(4200, "EUR"),
                                new Money(0, "EUR"),
                                Category.CLOTHING,
                                Condition.FAIR,
                                null,
                                null,
                                null,
                                List.of())));

        // The aggregate is sourced from the upcast event: the seller check and the state machine still work.
        bazaar.as(seller)
                .put()
                .uri("/api/v1/listings/{id}", listingId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "Wool coat, size 38",
                        "price",
                        Map.of("amount", 3900, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "fair"))
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(bazaar.bean(EventStore.class)
                        .readEvents(listingId)
                        .asStream()
                        .map(DomainEventMessage::getPayload)
                        .toList())
                .last()
                .isInstanceOf(ListingEdited.class);
        bazaar.as(bazaar.signUp("Stranger"))
                .put()
                .uri("/api/v1/listings/{id}", listingId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "Mine now",
                        "price",
                        Map.of("amount", 1, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "fair"))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    /**
     * Writes the document an older release wrote: same envelope as today's events (copied from a real one), payload
     * and revision of ListingDraftCreated revision 1.
     */
    private static void storeRevisionOneDraft(String listingId, String sellerId) {
        MongoCollection<Document> events = bazaar.bean(MongoTemplate.class).getCollection("domainevents");
        Document template = events.find().first();
        assertThat(template)
                .as("an event to copy the envelope from (the seller's AccountRegistered)")
                .isNotNull();
        Document v1 = new Document(template);
        v1.remove("_id");
        v1.put("aggregateIdentifier", listingId);
        v1.put("type", "Listing");
        v1.put("sequenceNumber", 0L);
        v1.put("eventIdentifier", UUID.randomUUID().toString());
        v1.put("payloadType", ListingDraftCreated.class.getName());
        v1.put("payloadRevision", "1");
        v1.put("serializedPayload", """
                {"listingId":"%s","sellerId":"%s","title":"Wool coat","description":"Grandma's",\
                "price":{"amount":4200,"currency":"EUR"},"category":"clothing","condition":"fair"}""".formatted(listingId, sellerId));
        events.insertOne(v1);
    }
}
