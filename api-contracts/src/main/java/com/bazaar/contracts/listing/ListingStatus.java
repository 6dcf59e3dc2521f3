package com.bazaar.contracts.listing;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a listing is in its lifecycle, as read models report it. */
public enum ListingStatus {
    DRAFT,
    PUBLISHED;

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
