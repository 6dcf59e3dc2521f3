package com.bazaar.contracts.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Reads the cart's lines with the aggregate's consistency (a read model could still miss the item added a moment
 * ago). Answers a {@code List<CartLine>}; changes nothing.
 */
public record PrepareCheckout(@TargetAggregateIdentifier String cartId) {}
