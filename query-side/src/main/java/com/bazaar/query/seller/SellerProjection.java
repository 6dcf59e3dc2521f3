package com.bazaar.query.seller;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.identity.AccountRegistered;
import com.bazaar.contracts.identity.DisplayNameChanged;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingStatusChange;
import com.bazaar.platform.readmodel.OrderedBulkWrites;
import com.bazaar.platform.readmodel.ReadModelIndexes;
import com.bazaar.platform.readmodel.SequenceGuard;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds seller labels: names and registration from identity, published listings from listing events. Idempotent.
 * Write-only, so a batch's writes go out together at its end ({@link OrderedBulkWrites}).
 */
@Component
@ProcessingGroup(SellerProjection.PROCESSING_GROUP)
class SellerProjection implements ReadModelIndexes {

    static final String PROCESSING_GROUP = "sellers";

    private final MongoTemplate mongo;

    SellerProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String processor() {
        return PROCESSING_GROUP;
    }

    @PostConstruct
    @Override
    public void ensure() {
        // Serves the listing count: equality on both fields.
        mongo.indexOps(SellerListing.class)
                .ensureIndex(new Index()
                        .on("sellerId", Sort.Direction.ASC)
                        .on("published", Sort.Direction.ASC)
                        .named("seller_published"));
    }

    @EventHandler
    void on(AccountRegistered event, @Timestamp Instant registeredAt) {
        Instant at = registeredAt.truncatedTo(ChronoUnit.MILLIS);
        OrderedBulkWrites.upsert(
                mongo, Seller.class, query(where("_id").is(event.accountId())), new Update().set("memberSince", at));
        setName(event.accountId(), event.displayName(), at);
    }

    @EventHandler
    void on(DisplayNameChanged event, @Timestamp Instant changedAt) {
        // Upsert first: a rename may be projected before the registration it follows.
        OrderedBulkWrites.upsert(
                mongo,
                Seller.class,
                query(where("_id").is(event.accountId())),
                new Update().setOnInsert("nameSetAt", null));
        setName(event.accountId(), event.displayName(), changedAt.truncatedTo(ChronoUnit.MILLIS));
    }

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence) {
        OrderedBulkWrites.upsert(
                mongo,
                SellerListing.class,
                query(where("_id").is(event.listingId())),
                new Update()
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("published", false)
                        .setOnInsert(SequenceGuard.LAST_SEQUENCE, sequence));
    }

    /** Counted on the profile only while for sale: a reserved listing is not, until its reservation is released. */
    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence) {
        OrderedBulkWrites.applyIfNewer(
                mongo,
                SellerListing.class,
                event.listingId(),
                sequence,
                new Update().set("published", event.statusAfter().isForSale()));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(Seller.class);
        mongo.dropCollection(SellerListing.class);
        ensure();
    }

    /** Only a name set by a newer (or the same, redelivered) event wins. */
    private void setName(String accountId, String displayName, Instant at) {
        OrderedBulkWrites.updateFirst(
                mongo,
                Seller.class,
                query(where("_id")
                        .is(accountId)
                        .orOperator(
                                where("nameSetAt").exists(false),
                                where("nameSetAt").is(null),
                                where("nameSetAt").lte(at))),
                new Update().set("displayName", displayName).set("nameSetAt", at));
    }
}
