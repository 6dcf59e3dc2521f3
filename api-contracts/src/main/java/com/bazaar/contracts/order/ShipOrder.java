package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The seller handed a paid order to a carrier. */
public record ShipOrder(@TargetAggregateIdentifier String orderId, String carrier, String trackingNumber) {}
