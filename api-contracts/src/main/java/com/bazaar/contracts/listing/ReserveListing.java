package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Holds a published listing for {@code orderId} during checkout; nobody else can buy it meanwhile. */
public record ReserveListing(@TargetAggregateIdentifier String listingId, String orderId, String buyerId) {}
