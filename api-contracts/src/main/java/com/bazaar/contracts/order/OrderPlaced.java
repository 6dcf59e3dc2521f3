package com.bazaar.contracts.order;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An order awaits payment; its listings are reserved until {@code payBy}. Revision 1. */
@Revision("1")
public record OrderPlaced(
        String orderId,
        String buyerId,
        String sellerId,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        OrderTotals totals,
        Instant payBy) {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
