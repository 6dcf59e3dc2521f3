package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;

import java.time.Instant;

/** The listing detail screen's read model. {@code publishedAt} is null while the listing is a draft. */
public record ListingView(
        String id,
        String sellerId,
        String title,
        String description,
        Money price,
        Category category,
        Condition condition,
        ListingStatus status,
        Instant createdAt,
        Instant publishedAt) {
}
