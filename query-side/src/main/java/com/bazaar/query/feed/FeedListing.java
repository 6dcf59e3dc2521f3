package com.bazaar.query.feed;

import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingStatus;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The feed projection's memory of each listing, drafts included: {@code ListingPublished} does not repeat the
 * content, and an edit needs the publication time. {@code lastSequence} (the last event applied) makes every handler
 * idempotent, since the token and the read model are not written atomically. {@code versionIds}: the ids of its feed
 * versions not yet removed, oldest first (the last one is the open version while it is for sale), so the projection
 * changes them by id instead of searching {@code feed_items} by listing (an index lookup on any server, and the only
 * kind the embedded one has). Null for listings projected before the field existed: the projection finds their
 * versions by listing once, the first time one of their events arrives ({@link FeedWrites}).
 */
@Document("#{@readModelCollections.name('feed_listings')}")
record FeedListing(
        @Id String id,
        String sellerId,
        ListingDetails details,
        ListingStatus status,
        Instant publishedAt,
        long lastSequence,
        List<String> versionIds) {

    static final String VERSION_IDS = "versionIds";
    static final String COLLECTION = "feed_listings";

    static FeedListing draft(String id, String sellerId, ListingDetails details, long sequence) {
        return new FeedListing(id, sellerId, details, ListingStatus.DRAFT, null, sequence, List.of());
    }

    /** This listing after the event at {@code sequence}, with {@code status}. */
    FeedListing applied(long sequence, ListingStatus status) {
        return new FeedListing(id, sellerId, details, status, publishedAt, sequence, versionIds);
    }

    FeedListing withDetails(ListingDetails newDetails) {
        return new FeedListing(id, sellerId, newDetails, status, publishedAt, lastSequence, versionIds);
    }

    FeedListing publishedAt(Instant at) {
        return new FeedListing(id, sellerId, details, status, at, lastSequence, versionIds);
    }

    FeedListing withVersionIds(List<String> ids) {
        return new FeedListing(id, sellerId, details, status, publishedAt, lastSequence, List.copyOf(ids));
    }

    /** The version open while the listing is for sale: the newest one not removed. */
    String openVersionId() {
        return versionIds.isEmpty() ? null : versionIds.get(versionIds.size() - 1);
    }
}
