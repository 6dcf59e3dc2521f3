package com.bazaar.contracts.order;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the order's listing policy, never by a user: the order was paid but {@code unavailableListingIds} went to
 * someone else, so the buyer gets their money back. Idempotent.
 */
public record RefundUnfulfillableOrder(
        @TargetAggregateIdentifier String orderId, List<String> unavailableListingIds) {

    public RefundUnfulfillableOrder {
        unavailableListingIds = List.copyOf(unavailableListingIds);
    }
}
