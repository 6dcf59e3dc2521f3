package com.bazaar.contracts.order;

import java.util.List;
import org.axonframework.serialization.Revision;

/** The buyer paid; the listings are sold and the seller may ship. Revision 1. */
@Revision("1")
public record OrderPaid(
        String orderId,
        String buyerId,
        String sellerId,
        List<String> listingIds,
        String paymentReference,
        OrderTotals totals) {

    public OrderPaid {
        listingIds = List.copyOf(listingIds);
    }
}
