package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;
import org.axonframework.serialization.Revision;

/** A seller created a listing as a draft. Version 1 of this event. */
@Revision("1")
public record ListingDraftCreated(
        String listingId,
        String sellerId,
        String title,
        String description,
        Money price,
        Category category,
        Condition condition) {
}
