package com.bazaar.query.listing;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingView;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/** The listing detail read model; {@code lastSequence} makes its handlers idempotent (see FeedEntry). */
@Document(ListingDetail.COLLECTION)
record ListingDetail(
        @Id String id,
        String sellerId,
        String title,
        String description,
        Money price,
        Category category,
        Condition condition,
        ListingStatus status,
        Instant createdAt,
        Instant publishedAt,
        long lastSequence) {

    static final String COLLECTION = "listing_details";

    ListingView toView() {
        return new ListingView(id, sellerId, title, description, price, category, condition, status, createdAt,
                publishedAt);
    }
}
