package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin (any time after payment) or the seller (before shipping) asks to give the buyer their money back. The
 * acting user comes from the command metadata; {@code admin} is set by the edge from the caller's verified roles.
 */
public record RequestRefund(@TargetAggregateIdentifier String orderId, boolean admin) {}
