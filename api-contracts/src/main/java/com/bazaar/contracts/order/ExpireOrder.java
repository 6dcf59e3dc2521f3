package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the system when {@code payBy} has passed; cancels the order if it is still unpaid. */
public record ExpireOrder(@TargetAggregateIdentifier String orderId) {}
