package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

import java.util.List;

/** The order ended unpaid; {@code listingIds} are to be released. Revision 1. */
@Revision("1")
public record OrderCancelled(String orderId, CancellationReason reason, List<String> listingIds) {

    public OrderCancelled {
        listingIds = List.copyOf(listingIds);
    }
}
