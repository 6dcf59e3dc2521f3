package com.bazaar.command.cart;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The lookup's conditional updates: redelivered and out-of-date events change nothing. */
class ListingAvailabilityTest {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private MongoClient client;
    private MongoTemplate mongo;
    private ListingAvailability availability;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(server.bindAndGetConnectionString());
        mongo = new MongoTemplate(client, "availability");
        availability = new ListingAvailability(mongo);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aPublishedListingIsForSaleUntilReservedAndRedeliveriesChangeNothing() {
        availability.on(created("l1", "seller"), 0);
        assertThat(availability.forSale("l1", "shopper")).isEmpty();
        assertThat(availability.sellerOf("l1")).contains("seller");

        availability.on(new ListingPublished("l1", "seller"), 1);
        assertThat(availability.forSale("l1", "shopper"))
                .hasValueSatisfying(forSale -> assertThat(forSale.sellerId()).isEqualTo("seller"));

        availability.on(new ListingReserved("l1", "seller", "o1"), 2);
        // A redelivered creation and a redelivered publication are older than the row: both are ignored.
        availability.on(created("l1", "seller"), 0);
        availability.on(new ListingPublished("l1", "seller"), 1);
        assertThat(availability.forSale("l1", "shopper")).isEmpty();

        availability.on(new ListingSold("l1", "seller", "o1"), 3);
        // Stored in the shape the lookup always had: status by name, the sequence guard beside it.
        Document row = mongo.getCollection(ListingAvailability.COLLECTION)
                .find(new Document("_id", "l1"))
                .first();
        assertThat(row)
                .containsEntry("status", "SOLD")
                .containsEntry("sellerId", "seller")
                .containsEntry("lastSequence", 3L);
    }

    @Test
    void aResetEmptiesTheLookup() {
        availability.on(created("l1", "seller"), 0);
        availability.reset();
        assertThat(availability.sellerOf("l1")).isEmpty();
    }

    private static ListingDraftCreated created(String id, String sellerId) {
        Money price = new Money(1000, "EUR");
        return new ListingDraftCreated(
                id,
                sellerId,
                new ListingDetails(
                        id,
                        "",
                        price,
                        new Money(450, "EUR"),
                        Category.values()[0],
                        Condition.values()[0],
                        null,
                        null,
                        null,
                        List.of()));
    }
}
