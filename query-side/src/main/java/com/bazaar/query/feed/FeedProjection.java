package com.bazaar.query.feed;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingStatusChange;
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
 * Builds the versioned feed (docs/FEED.md) from listing events. Event timestamps, never the clock, drive the versions,
 * so a replay rebuilds the same feed. Idempotent under redelivery: an event at or below a listing's
 * {@code lastSequence} is skipped, and the version writes that precede that mark are keyed by the event's sequence,
 * so an event interrupted half-way is safely applied again.
 */
@Component
@ProcessingGroup(FeedProjection.PROCESSING_GROUP)
class FeedProjection {

    static final String PROCESSING_GROUP = "feed";

    private final MongoTemplate mongo;
    private final FeedIndexes indexes;

    FeedProjection(MongoTemplate mongo, FeedIndexes indexes) {
        this.mongo = mongo;
        this.indexes = indexes;
    }

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence) {
        // setOnInsert: a redelivered creation finds the listing and leaves it as it is.
        mongo.upsert(
                query(where("_id").is(event.listingId())),
                new Update()
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("details", event.details())
                        .setOnInsert("status", ListingStatus.DRAFT)
                        .setOnInsert(SequenceGuard.LAST_SEQUENCE, sequence),
                FeedListing.class);
    }

    @EventHandler
    void on(ListingPublished event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        FeedListing listing = unapplied(event.listingId(), sequence);
        if (listing == null) {
            return;
        }
        Instant publishedAt = millis(timestamp);
        supersede(FeedVersion.of(
                listing.id(), sequence, listing.sellerId(), listing.details(), publishedAt, publishedAt));
        markApplied(
                listing.id(),
                sequence,
                new Update().set("status", event.statusAfter()).set("publishedAt", publishedAt));
    }

    @EventHandler
    void on(ListingEdited event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        FeedListing listing = unapplied(event.listingId(), sequence);
        if (listing == null) {
            return;
        }
        if (listing.status().isForSale()) {
            supersede(FeedVersion.of(
                    listing.id(),
                    sequence,
                    listing.sellerId(),
                    event.details(),
                    listing.publishedAt(),
                    millis(timestamp)));
        }
        markApplied(listing.id(), sequence, new Update().set("details", event.details()));
    }

    /**
     * Unpublished, sold, or reserved for an order awaiting payment: out of the feed until published or released
     * again. Publishing and releasing have their own handlers above; Axon calls only the most specific one.
     */
    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        leave(event.listingId(), sequence, timestamp, event.statusAfter());
    }

    /** The order was not paid: the listing is back, at its original place in the newest-first order. */
    @EventHandler
    void on(ListingReservationReleased event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        FeedListing listing = unapplied(event.listingId(), sequence);
        if (listing == null) {
            return;
        }
        supersede(FeedVersion.of(
                listing.id(),
                sequence,
                listing.sellerId(),
                listing.details(),
                listing.publishedAt(),
                millis(timestamp)));
        markApplied(listing.id(), sequence, new Update().set("status", event.statusAfter()));
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(FeedVersion.class);
        mongo.dropCollection(FeedListing.class);
        indexes.ensure();
    }

    /** The listing if this event has not been applied to it yet, else null. */
    private FeedListing unapplied(String listingId, long sequence) {
        FeedListing listing = mongo.findById(listingId, FeedListing.class);
        return listing == null || listing.lastSequence() >= sequence ? null : listing;
    }

    private void markApplied(String listingId, long sequence, Update update) {
        SequenceGuard.applyIfNewer(mongo, FeedListing.class, listingId, sequence, update);
    }

    /**
     * Closes the current version at the new one's validFrom, then stores the new one. In this order a page whose
     * snapshot is newer than the change can miss the listing for an instant but never sees it twice; the snapshot lag
     * keeps such pages from being served in practice.
     */
    private void supersede(FeedVersion next) {
        mongo.updateMulti(
                query(where("listingId")
                        .is(next.listingId())
                        .and("validTo")
                        .is(FeedVersion.OPEN)
                        .and("_id")
                        .ne(next.id())),
                new Update().set("validTo", next.validFrom()),
                FeedVersion.class);
        mongo.save(next);
    }

    /** Sold, unpublished or reserved: every earlier version disappears, from every snapshot. */
    private void leave(String listingId, long sequence, Instant timestamp, ListingStatus status) {
        FeedListing listing = unapplied(listingId, sequence);
        if (listing == null) {
            return;
        }
        Instant at = millis(timestamp);
        mongo.updateMulti(
                query(where("listingId")
                        .is(listingId)
                        .and("sequence")
                        .lt(sequence)
                        .and("validTo")
                        .is(FeedVersion.OPEN)),
                new Update().set("validTo", at),
                FeedVersion.class);
        mongo.updateMulti(
                query(where("listingId")
                        .is(listingId)
                        .and("sequence")
                        .lt(sequence)
                        .and("removed")
                        .is(false)),
                new Update().set("removed", true).set("removedAt", at),
                FeedVersion.class);
        markApplied(listingId, sequence, new Update().set("status", status));
    }

    /** MongoDB keeps milliseconds; truncating here keeps stored values, cursors and replays identical. */
    private static Instant millis(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
