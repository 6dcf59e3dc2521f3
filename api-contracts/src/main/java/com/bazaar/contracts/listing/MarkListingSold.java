package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the listing was paid for through {@code orderId}. Sent by the system (payment), not by users. */
public record MarkListingSold(@TargetAggregateIdentifier String listingId, String orderId) {}
