package com.bazaar.command.cart;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingStatusChange;
import com.bazaar.platform.readmodel.OrderedBulkWrites;
import com.bazaar.platform.readmodel.SequenceGuard;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The command side's own lookup of who sells each listing and whether it is for sale, fed by listing events. The
 * cart and checkout read it instead of the query side's read models so that a node running only the command role
 * works on its own. It may trail the listing by a moment; reserving the listing at checkout is the authoritative
 * check. Its handlers only write, so a batch of events is one ordered bulk request ({@link OrderedBulkWrites}).
 */
@Component
@ProcessingGroup(ListingAvailability.PROCESSING_GROUP)
class ListingAvailability implements CartListings {

    static final String PROCESSING_GROUP = "listing-availability";
    static final String COLLECTION = "command_listing_availability";
    /** Every listing is one of a kind until listings carry a stock count. */
    private static final int SECOND_HAND_STOCK = 1;

    private final MongoTemplate mongo;

    ListingAvailability(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** One row of the lookup, mapped by Spring Data like the read models; {@code status} is stored by name. */
    @Document(COLLECTION)
    record Row(@Id String id, String sellerId, ListingStatus status, long lastSequence) {}

    @Override
    public Optional<ForSale> forSale(String listingId, String shopperId) {
        return find(listingId)
                .filter(listing -> listing.status().isForSale())
                .map(listing -> new ForSale(listing.sellerId(), SECOND_HAND_STOCK));
    }

    /** The seller of a listing; a listing's seller never changes, so any status will do. */
    Optional<String> sellerOf(String listingId) {
        return find(listingId).map(Row::sellerId);
    }

    private Optional<Row> find(String listingId) {
        return Optional.ofNullable(mongo.findById(listingId, Row.class));
    }

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence) {
        // setOnInsert: a redelivered creation finds the row and leaves later states alone.
        OrderedBulkWrites.upsert(
                mongo,
                COLLECTION,
                Query.query(where("_id").is(event.listingId())),
                new Update()
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("status", ListingStatus.DRAFT.name())
                        .setOnInsert(SequenceGuard.LAST_SEQUENCE, sequence));
    }

    /** Published, unpublished, reserved, released or sold: the event says which status follows. */
    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence) {
        OrderedBulkWrites.applyIfNewer(
                mongo,
                COLLECTION,
                event.listingId(),
                SequenceGuard.LAST_SEQUENCE,
                sequence,
                new Update().set("status", event.statusAfter().name()));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(Row.class);
    }
}
