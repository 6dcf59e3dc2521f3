package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Creates a listing in draft; only its seller sees it until it is published. */
public record CreateListingDraft(
        @TargetAggregateIdentifier String listingId,
        String sellerId,
        String title,
        String description,
        Money price,
        Category category,
        Condition condition) {
}
