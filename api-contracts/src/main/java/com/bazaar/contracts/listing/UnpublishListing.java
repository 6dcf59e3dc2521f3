package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Takes a published listing out of the feed. Only its seller may unpublish it. */
public record UnpublishListing(@TargetAggregateIdentifier String listingId) {}
