package com.bazaar.query.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.feed.FeedItem;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.seller.SellerLabel;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One version of a published listing's card: what the feed showed from {@code validFrom} until {@code validTo}
 * ({@link #OPEN} while current). Pages read the versions valid at their snapshot time, so a listing's sort keys never
 * move under a cursor (docs/FEED.md). The id is {@code listingId:sequence} of the event that made the version, which
 * makes re-applying that event a no-op. {@code removed} hides every version of a sold or unpublished listing, also
 * from snapshots taken before it left.
 */
@Document("#{@readModelCollections.name('feed_items')}")
record FeedVersion(
        @Id String id,
        String listingId,
        long sequence,
        String sellerId,
        String title,
        Money price,
        long priceAmount,
        Money shippingPrice,
        Category category,
        Condition condition,
        String size,
        String sizeKey,
        String brand,
        String brandKey,
        String coverImageId,
        List<String> terms,
        Instant publishedAt,
        Instant validFrom,
        Instant validTo,
        boolean removed,
        Instant removedAt) {

    static final String COLLECTION = "feed_items";
    /** validTo of the current version: a date, not null, so "valid at" is one range condition an index can serve. */
    static final Instant OPEN = Instant.parse("9999-12-31T00:00:00Z");

    static FeedVersion of(
            String listingId,
            long sequence,
            String sellerId,
            ListingDetails details,
            Instant publishedAt,
            Instant validFrom) {
        return new FeedVersion(
                listingId + ":" + sequence,
                listingId,
                sequence,
                sellerId,
                details.title(),
                details.price(),
                details.price().amount(),
                details.shippingPrice(),
                details.category(),
                details.condition(),
                details.size(),
                SearchTerms.normalise(details.size()),
                details.brand(),
                SearchTerms.normalise(details.brand()),
                details.photoIds().isEmpty() ? null : details.photoIds().get(0),
                SearchTerms.index(details.title(), details.description()),
                publishedAt,
                validFrom,
                OPEN,
                false,
                null);
    }

    FeedVersion closedAt(Instant at) {
        return withEnd(at, removed, removedAt);
    }

    FeedVersion removedAt(Instant at) {
        return withEnd(validTo, true, at);
    }

    private FeedVersion withEnd(Instant newValidTo, boolean newRemoved, Instant newRemovedAt) {
        return new FeedVersion(
                id,
                listingId,
                sequence,
                sellerId,
                title,
                price,
                priceAmount,
                shippingPrice,
                category,
                condition,
                size,
                sizeKey,
                brand,
                brandKey,
                coverImageId,
                terms,
                publishedAt,
                validFrom,
                newValidTo,
                newRemoved,
                newRemovedAt);
    }

    FeedItem toItem(SellerLabel seller) {
        return new FeedItem(
                listingId,
                title,
                price,
                shippingPrice,
                category,
                condition,
                size,
                brand,
                coverImageId,
                null,
                null,
                seller,
                publishedAt);
    }
}
