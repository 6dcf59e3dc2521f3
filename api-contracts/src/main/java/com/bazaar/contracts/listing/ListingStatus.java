package com.bazaar.contracts.listing;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a listing is in its lifecycle, as read models report it. Which event leads where is {@link
 * ListingStatusChange#statusAfter()}; what a status allows is here.
 */
public enum ListingStatus {
    DRAFT,
    PUBLISHED,
    UNPUBLISHED,
    RESERVED,
    SOLD;

    /** Only a published listing can be bought, shown in the feed or counted on its seller's profile. */
    public boolean isForSale() {
        return this == PUBLISHED;
    }

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
