package com.bazaar.query.feed;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingStatusChange;
import com.bazaar.platform.readmodel.BatchedWrites;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Builds the versioned feed (docs/FEED.md) from listing events. Event timestamps, never the clock, drive the versions,
 * so a replay rebuilds the same feed. Idempotent under redelivery: an event at or below a listing's
 * {@code lastSequence} is skipped, and the version writes that precede that mark are keyed by the event's sequence,
 * so an event interrupted half-way is safely applied again. The writes of a batch of events are sent together at its
 * end ({@link FeedWrites}).
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
        // A redelivered creation finds the listing and leaves it as it is.
        write(feed -> {
            if (feed.listing(event.listingId()) == null) {
                feed.put(FeedListing.draft(event.listingId(), event.sellerId(), event.details(), sequence));
            }
        });
    }

    @EventHandler
    void on(ListingPublished event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        write(feed -> {
            FeedListing listing = feed.unapplied(event.listingId(), sequence);
            if (listing == null) {
                return;
            }
            Instant publishedAt = millis(timestamp);
            FeedVersion next = FeedVersion.of(
                    listing.id(), sequence, listing.sellerId(), listing.details(), publishedAt, publishedAt);
            feed.put(feed.supersede(listing, next).publishedAt(publishedAt).applied(sequence, event.statusAfter()));
        });
    }

    @EventHandler
    void on(ListingEdited event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        write(feed -> {
            FeedListing listing = feed.unapplied(event.listingId(), sequence);
            if (listing == null) {
                return;
            }
            FeedListing edited = listing.withDetails(event.details());
            if (listing.status().isForSale()) {
                FeedVersion next = FeedVersion.of(
                        listing.id(),
                        sequence,
                        listing.sellerId(),
                        event.details(),
                        listing.publishedAt(),
                        millis(timestamp));
                edited = feed.supersede(edited, next);
            }
            feed.put(edited.applied(sequence, listing.status()));
        });
    }

    /**
     * Unpublished, sold, or reserved for an order awaiting payment: out of the feed until published or released
     * again. Publishing and releasing have their own handlers above; Axon calls only the most specific one.
     */
    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        write(feed -> {
            FeedListing listing = feed.unapplied(event.listingId(), sequence);
            if (listing != null) {
                feed.put(feed.removeAll(listing, millis(timestamp)).applied(sequence, event.statusAfter()));
            }
        });
    }

    /** The order was not paid: the listing is back, at its original place in the newest-first order. */
    @EventHandler
    void on(ListingReservationReleased event, @SequenceNumber long sequence, @Timestamp Instant timestamp) {
        write(feed -> {
            FeedListing listing = feed.unapplied(event.listingId(), sequence);
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
            feed.put(feed.supersede(listing, next).applied(sequence, event.statusAfter()));
        });
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(FeedVersion.class);
        mongo.dropCollection(FeedListing.class);
        indexes.ensure();
    }

    private void write(Consumer<FeedWrites> change) {
        BatchedWrites.apply(FeedWrites.class, () -> new FeedWrites(mongo), change);
    }

    /** MongoDB keeps milliseconds; truncating here keeps stored values, cursors and replays identical. */
    private static Instant millis(Instant timestamp) {
        return timestamp.truncatedTo(ChronoUnit.MILLIS);
    }
}
