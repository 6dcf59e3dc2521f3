package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller confirms the parcel arrived. */
public record MarkOrderDelivered(@TargetAggregateIdentifier String orderId) {}
