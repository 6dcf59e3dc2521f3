package com.bazaar.contracts.cart;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the system once an order is paid: its listings leave the buyer's cart. */
public record RemoveBoughtItems(@TargetAggregateIdentifier String cartId, String orderId, List<String> listingIds) {

    public RemoveBoughtItems {
        listingIds = List.copyOf(listingIds);
    }
}
