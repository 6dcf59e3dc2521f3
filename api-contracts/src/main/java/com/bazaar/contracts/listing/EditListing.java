package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces what the seller wrote about a draft or published listing. Only its seller may edit it. */
public record EditListing(@TargetAggregateIdentifier String listingId, ListingDetails details) {}
