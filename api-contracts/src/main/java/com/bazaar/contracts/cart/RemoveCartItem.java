package com.bazaar.contracts.cart;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Takes a line out of the cart; removing a line that is not there changes nothing. */
public record RemoveCartItem(
        @TargetAggregateIdentifier String cartId,
        @TargetAggregateVersion Long expectedVersion,
        String requestId,
        String listingId) {}
