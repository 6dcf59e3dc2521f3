package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.seller.SellerLabel;
import java.time.Instant;
import java.util.List;

/**
 * The listing detail screen's read model, in any status (sold and unpublished listings still answer). {@code
 * publishedAt} is null until first published. The query answers {@code photoIds} (media ids, cover first); the HTTP
 * edge adds {@code imageUrls} (the originals) and {@code photos} (id and the URL of each size) in the same order.
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
        List<ListingPhoto> photos,
        ListingStatus status,
        Instant createdAt,
        Instant publishedAt) {

    public ListingView withPhotos(List<ListingPhoto> photos) {
        return new ListingView(
                id,
                sellerId,
                seller,
                title,
                description,
                price,
                shippingPrice,
                category,
                condition,
                size,
                brand,
                colour,
                photoIds,
                photos.stream().map(photo -> photo.urls().original()).toList(),
                photos,
                status,
                createdAt,
                publishedAt);
    }
}
