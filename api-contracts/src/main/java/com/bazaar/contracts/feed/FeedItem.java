package com.bazaar.contracts.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.seller.SellerLabel;

import java.time.Instant;

/**
 * A published listing as a card in the feed. The query answers {@code coverImageId} (a media id); the HTTP edge adds
 * {@code coverImageUrl}, so moving media to another host needs no replay.
 */
public record FeedItem(
        String id,
        String title,
        Money price,
        Money shippingPrice,
        Category category,
        Condition condition,
        String size,
        String brand,
        String coverImageId,
        String coverImageUrl,
        SellerLabel seller,
        Instant publishedAt) {

    public FeedItem withCoverImageUrl(String url) {
        return new FeedItem(id, title, price, shippingPrice, category, condition, size, brand, coverImageId, url,
                seller, publishedAt);
    }
}
