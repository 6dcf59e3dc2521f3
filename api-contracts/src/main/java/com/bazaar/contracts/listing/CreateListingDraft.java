package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a listing in draft; only its seller sees it until it is published. Every photo must be an upload of the
 * seller's; uploads may still be in progress.
 */
public record CreateListingDraft(
        @TargetAggregateIdentifier String listingId, String sellerId, ListingDetails details) {}
