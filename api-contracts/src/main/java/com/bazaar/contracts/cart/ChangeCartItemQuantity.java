package com.bazaar.contracts.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Sets the quantity of a line already in the cart. */
public record ChangeCartItemQuantity(
        @TargetAggregateIdentifier String cartId,
        @TargetAggregateVersion Long expectedVersion,
        String requestId,
        String listingId,
        int quantity) {}
