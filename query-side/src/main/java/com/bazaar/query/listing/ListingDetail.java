package com.bazaar.query.listing;

import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingView;
import com.bazaar.contracts.seller.SellerLabel;
import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The listing detail read model, in every status; {@code lastSequence} (the last event applied) makes its handlers
 * idempotent. Photos are media ids; the HTTP edge turns them into URLs.
 */
@Document("#{@readModelCollections.name('listing_details')}")
record ListingDetail(
        @Id String id,
        String sellerId,
        ListingDetails details,
        ListingStatus status,
        Instant createdAt,
        Instant publishedAt,
        long lastSequence) {

    static final String COLLECTION = "listing_details";

    ListingView toView(SellerLabel seller) {
        return new ListingView(
                id,
                sellerId,
                seller,
                details.title(),
                details.description(),
                details.price(),
                details.shippingPrice(),
                details.category(),
                details.condition(),
                details.size(),
                details.brand(),
                details.colour(),
                details.photoIds(),
                null,
                null,
                status,
                createdAt,
                publishedAt);
    }
}
