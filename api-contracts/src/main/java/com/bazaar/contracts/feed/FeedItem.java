package com.bazaar.contracts.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;

import java.time.Instant;

/** A published listing as a card in the feed. */
public record FeedItem(
        String id,
        String title,
        Money price,
        Category category,
        Condition condition,
        Seller seller,
        Instant publishedAt) {

    /** Who sells the item; grows a display name once accounts exist. */
    public record Seller(String id) {
    }
}
