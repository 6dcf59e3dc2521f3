package com.bazaar.contracts.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Puts a listing in the shopper's cart, or sets its quantity if it is there. {@code cartId} is the shopper's account
 * id (one cart each); {@code requestId} is the client's id for this change, so a retry is applied once;
 * {@code expectedVersion} (nullable) is the cart version the client last saw.
 */
public record AddCartItem(
        @TargetAggregateIdentifier String cartId,
        @TargetAggregateVersion Long expectedVersion,
        String requestId,
        String listingId,
        int quantity) {}
