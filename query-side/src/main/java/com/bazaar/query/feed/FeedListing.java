package com.bazaar.query.feed;

import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingStatus;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The feed projection's memory of each listing, drafts included: {@code ListingPublished} does not repeat the
 * content, and an edit needs the publication time. {@code lastSequence} (the last event applied) makes every handler
 * idempotent, since the token and the read model are not written atomically.
 */
@Document("#{@readModelCollections.name('feed_listings')}")
record FeedListing(
        @Id String id,
        String sellerId,
        ListingDetails details,
        ListingStatus status,
        Instant publishedAt,
        long lastSequence) {

    static final String COLLECTION = "feed_listings";
}
