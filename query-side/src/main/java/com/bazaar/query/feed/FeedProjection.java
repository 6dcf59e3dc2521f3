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
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
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
                        .setOnInsert(FeedListing.VERSION_IDS, List.of())
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
        FeedVersion next =
                FeedVersion.of(listing.id(), sequence, listing.sellerId(), listing.details(), publishedAt, publishedAt);
        supersede(listing, next);
        markApplied(
                listing,
                sequence,
                withVersion(
                        listing,
                        next,
                        new Update().set("status", event.statusAfter()).set("publishedAt", publishedAt)));
    }

    @EventHandler
    void on(ListingEdited event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        FeedListing listing = unapplied(event.listingId(), sequence);
        if (listing == null) {
            return;
        }
        Update update = new Update().set("details", event.details());
        if (listing.status().isForSale()) {
            FeedVersion next = FeedVersion.of(
                    listing.id(),
                    sequence,
                    listing.sellerId(),
                    event.details(),
                    listing.publishedAt(),
                    millis(timestamp));
            supersede(listing, next);
            update = withVersion(listing, next, update);
        }
        markApplied(listing, sequence, update);
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
        FeedVersion next = FeedVersion.of(
                listing.id(),
                sequence,
                listing.sellerId(),
                listing.details(),
                listing.publishedAt(),
                millis(timestamp));
        supersede(listing, next);
        markApplied(listing, sequence, withVersion(listing, next, new Update().set("status", event.statusAfter())));
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

    private void markApplied(FeedListing listing, long sequence, Update update) {
        SequenceGuard.applyIfNewer(mongo, FeedListing.class, listing.id(), sequence, update);
    }

    /** Records the new version's id with the event that made it (same atomic update as its sequence mark). */
    private static Update withVersion(FeedListing listing, FeedVersion next, Update update) {
        return listing.versionIds() == null ? update : update.push(FeedListing.VERSION_IDS, next.id());
    }

    /**
     * Closes the current version at the new one's validFrom, then stores the new one. In this order a page whose
     * snapshot is newer than the change can miss the listing for an instant but never sees it twice; the snapshot lag
     * keeps such pages from being served in practice.
     */
    private void supersede(FeedListing listing, FeedVersion next) {
        Update close = new Update().set("validTo", next.validFrom());
        if (listing.versionIds() == null) {
            mongo.updateMulti(
                    versionsOf(listing.id())
                            .addCriteria(where("validTo").is(FeedVersion.OPEN))
                            .addCriteria(where("_id").ne(next.id())),
                    close,
                    FeedVersion.class);
        } else if (!listing.versionIds().isEmpty()) {
            String open = listing.versionIds().get(listing.versionIds().size() - 1);
            if (!open.equals(next.id())) {
                mongo.updateFirst(
                        query(where("_id").is(open).and("validTo").is(FeedVersion.OPEN)), close, FeedVersion.class);
            }
        }
        mongo.save(next);
    }

    /** Sold, unpublished or reserved: every earlier version disappears, from every snapshot. */
    private void leave(String listingId, long sequence, Instant timestamp, ListingStatus status) {
        FeedListing listing = unapplied(listingId, sequence);
        if (listing == null) {
            return;
        }
        Instant at = millis(timestamp);
        Update close = new Update().set("validTo", at);
        Update remove = new Update().set("removed", true).set("removedAt", at);
        Update applied = new Update().set("status", status);
        if (listing.versionIds() == null) {
            mongo.updateMulti(
                    olderVersionsOf(listingId, sequence)
                            .addCriteria(where("validTo").is(FeedVersion.OPEN)),
                    close,
                    FeedVersion.class);
            mongo.updateMulti(
                    olderVersionsOf(listingId, sequence)
                            .addCriteria(where("removed").is(false)),
                    remove,
                    FeedVersion.class);
        } else {
            for (String versionId : listing.versionIds()) {
                mongo.updateFirst(
                        query(where("_id").is(versionId).and("validTo").is(FeedVersion.OPEN)),
                        close,
                        FeedVersion.class);
                mongo.updateFirst(
                        query(where("_id").is(versionId).and("removed").is(false)), remove, FeedVersion.class);
            }
            // Removed versions are never changed again: the list starts over with the next publication.
            applied.set(FeedListing.VERSION_IDS, List.of());
        }
        markApplied(listing, sequence, applied);
    }

    private static Query versionsOf(String listingId) {
        return query(where("listingId").is(listingId));
    }

    private static Query olderVersionsOf(String listingId, long sequence) {
        return versionsOf(listingId).addCriteria(where("sequence").lt(sequence));
    }

    /** MongoDB keeps milliseconds; truncating here keeps stored values, cursors and replays identical. */
    private static Instant millis(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
