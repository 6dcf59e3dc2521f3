package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.seller.SellerLabel;

import java.time.Instant;
import java.util.List;

/**
 * The listing detail screen's read model, in any status (sold and unpublished listings still answer). {@code
 * publishedAt} is null until first published. The query answers {@code photoIds} (media ids, cover first); the HTTP
 * edge adds {@code imageUrls} in the same order.
 */
public record ListingView(
        String id,
        String sellerId,
        SellerLabel seller,
        String title,
        String description,
        Money price,
        Money shippingPrice,
        Category category,
        Condition condition,
        String size,
        String brand,
        Colour colour,
        List<String> photoIds,
        List<String> imageUrls,
        ListingStatus status,
        Instant createdAt,
        Instant publishedAt) {

    public ListingView withImageUrls(List<String> urls) {
        return new ListingView(id, sellerId, seller, title, description, price, shippingPrice, category, condition,
                size, brand, colour, photoIds, urls, status, createdAt, publishedAt);
    }
}
