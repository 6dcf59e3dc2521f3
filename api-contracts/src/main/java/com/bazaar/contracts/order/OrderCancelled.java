package com.bazaar.contracts.order;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The order ended unpaid; {@code listingIds} are to be released. Revision 1. */
@Revision("1")
public record OrderCancelled(String orderId, CancellationReason reason, List<String> listingIds) {

    public OrderCancelled {
        listingIds = List.copyOf(listingIds);
    }
}
