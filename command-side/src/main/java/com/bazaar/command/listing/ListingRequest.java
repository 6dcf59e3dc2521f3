package com.bazaar.command.listing;

import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Colour;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.platform.validation.IsoCurrency;
import com.bazaar.platform.validation.MoneyInput;
import com.bazaar.platform.validation.SlugOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Body of {@code POST /api/v1/listings} (create) and {@code PUT /api/v1/listings/{id}} (replace what the seller
 * wrote). Every invalid field is reported at once. Optional: description, shipping price (free when absent), size,
 * brand, colour, photos.
 */
record ListingRequest(
        @NotBlank @Size(max = 120) String title,
        @Size(max = 5000) String description,
        @NotNull @Valid MoneyInput price,
        @Valid ShippingPriceInput shippingPrice,
        @NotNull @SlugOf(Category.class) String category,
        @NotNull @SlugOf(Condition.class) String condition,
        @Size(max = 20) String size,
        @Size(max = 60) String brand,
        @SlugOf(Colour.class) String colour,
        @Size(max = ListingDetails.MAX_PHOTOS) List<@NotBlank @Size(max = 64) String> photoIds) {

    /** Shipping may be free, so unlike a price it may be zero. */
    record ShippingPriceInput(
            @NotNull @PositiveOrZero @Max(Money.MAX_AMOUNT) Long amount,
            @NotNull @IsoCurrency String currency) {}

    /** The checks that span fields, then the normalised details. */
    ListingDetails toDetails() {
        Money itemPrice = price.toMoney();
        Money shipping = shippingPrice == null
                ? new Money(0, itemPrice.currency())
                : new Money(shippingPrice.amount(), shippingPrice.currency());
        if (!shipping.currency().equals(itemPrice.currency())) {
            throw new InvalidInputException(
                    "shippingPrice.currency", "must be the price's currency (" + itemPrice.currency() + ")");
        }
        List<String> photos = photoIds == null
                ? List.of()
                : photoIds.stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < photos.size(); i++) {
            if (!seen.add(photos.get(i))) {
                throw new InvalidInputException("photoIds[" + i + "]", "is listed twice");
            }
        }
        return new ListingDetails(
                title.strip(),
                description == null ? "" : description.strip(),
                itemPrice,
                shipping,
                Category.fromSlug(category),
                Condition.fromSlug(condition),
                blankToNull(size),
                blankToNull(brand),
                colour == null ? null : Colour.fromSlug(colour),
                photos);
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
