package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The buyer gives up an unpaid order. */
public record CancelOrder(@TargetAggregateIdentifier String orderId) {}
