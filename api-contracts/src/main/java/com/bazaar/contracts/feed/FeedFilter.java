package com.bazaar.contracts.feed;

import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;

/**
 * What a shopper narrows the feed to; every field is optional (null = no restriction). Prices are minor units and
 * inclusive. {@code size} and {@code brand} match case-insensitively after normalisation; {@code q} matches listings
 * whose title or description contain every word of it (a word also matches as a prefix of at least 3 characters).
 */
public record FeedFilter(
        Category category,
        Long minPrice,
        Long maxPrice,
        Condition condition,
        String size,
        String brand,
        String sellerId,
        String q) {

    public static FeedFilter none() {
        return new FeedFilter(null, null, null, null, null, null, null, null);
    }

    public static FeedFilter bySeller(String sellerId) {
        return new FeedFilter(null, null, null, null, null, null, sellerId, null);
    }
}
