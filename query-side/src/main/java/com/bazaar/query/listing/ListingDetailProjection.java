package com.bazaar.query.listing;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingStatusChange;
import com.bazaar.platform.readmodel.OrderedBulkWrites;
import com.bazaar.platform.readmodel.SequenceGuard;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Builds the listing detail read model. Idempotent: redelivered events change nothing. Write-only, so a batch's writes
 * go out together at its end ({@link OrderedBulkWrites}).
 */
@Component
@ProcessingGroup(ListingDetailProjection.PROCESSING_GROUP)
class ListingDetailProjection {

    static final String PROCESSING_GROUP = "listing-detail";

    private final MongoTemplate mongo;

    ListingDetailProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence, @Timestamp Instant createdAt) {
        OrderedBulkWrites.upsert(
                mongo,
                ListingDetail.class,
                query(where("_id").is(event.listingId())),
                new Update()
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("details", event.details())
                        .setOnInsert("status", ListingStatus.DRAFT)
                        .setOnInsert("createdAt", createdAt.truncatedTo(ChronoUnit.MILLIS))
                        .setOnInsert(SequenceGuard.LAST_SEQUENCE, sequence));
    }

    @EventHandler
    void on(ListingEdited event, @SequenceNumber long sequence) {
        applyOnce(event.listingId(), sequence, new Update().set("details", event.details()));
    }

    @EventHandler
    void on(ListingPublished event, @SequenceNumber long sequence, @Timestamp Instant publishedAt) {
        applyOnce(
                event.listingId(),
                sequence,
                new Update()
                        .set("status", event.statusAfter())
                        .set("publishedAt", publishedAt.truncatedTo(ChronoUnit.MILLIS)));
    }

    /** Unpublished, reserved, released or sold (publishing, above, also records when). */
    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence) {
        applyOnce(event.listingId(), sequence, new Update().set("status", event.statusAfter()));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ListingDetail.class);
    }

    private void applyOnce(String listingId, long sequence, Update update) {
        OrderedBulkWrites.applyIfNewer(mongo, ListingDetail.class, listingId, sequence, update);
    }
}
