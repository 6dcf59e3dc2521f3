package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;
import java.util.List;

/**
 * Everything a seller writes about a listing, as carried by the create and edit commands and their events.
 * {@code size}, {@code brand} and {@code colour} are optional (null when not given); {@code size} and {@code brand}
 * are stored as the seller typed them, trimmed. {@code shippingPrice} is in the same currency as {@code price}
 * (zero for free shipping). {@code photoIds} are media ids in the seller's order, the first being the cover.
 * Part of several events: a change here is a change of each of them (new revision + upcaster).
 */
public record ListingDetails(
        String title,
        String description,
        Money price,
        Money shippingPrice,
        Category category,
        Condition condition,
        String size,
        String brand,
        Colour colour,
        List<String> photoIds) {

    public static final int MAX_PHOTOS = 5;

    public ListingDetails {
        photoIds = photoIds == null ? List.of() : List.copyOf(photoIds);
    }
}
