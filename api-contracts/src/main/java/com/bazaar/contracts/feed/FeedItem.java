package com.bazaar.contracts.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.media.ImageUrls;
import com.bazaar.contracts.seller.SellerLabel;
import java.time.Instant;

/**
 * A published listing as a card in the feed. The query answers {@code coverImageId} (a media id); the HTTP edge adds
 * {@code coverImageUrl} (the original) and {@code coverImageUrls} (every size; cards use {@code list}), so moving media
 * to another host needs no replay.
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
        ImageUrls coverImageUrls,
        SellerLabel seller,
        Instant publishedAt) {

    /** {@code coverImageUrl} stays the original's URL, as before sizes existed. */
    public FeedItem withCoverImageUrls(ImageUrls urls) {
        return new FeedItem(
                id,
                title,
                price,
                shippingPrice,
                category,
                condition,
                size,
                brand,
                coverImageId,
                urls == null ? null : urls.original(),
                urls,
                seller,
                publishedAt);
    }
}
