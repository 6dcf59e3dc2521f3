package com.bazaar.contracts.listing;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** Where a listing is in its lifecycle, as read models report it. Only {@code PUBLISHED} listings are in the feed. */
public enum ListingStatus {
    DRAFT,
    PUBLISHED,
    UNPUBLISHED,
    RESERVED,
    SOLD;

    @JsonValue
    public String slug() {
        return name().toLowerCase(Locale.ROOT);
    }
}
