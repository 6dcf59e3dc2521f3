package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Puts a draft listing into the shoppers' feed. Only the listing's seller may publish it. */
public record PublishListing(@TargetAggregateIdentifier String listingId) {}
