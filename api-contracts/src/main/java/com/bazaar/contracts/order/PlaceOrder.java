package com.bazaar.contracts.order;

import java.time.Instant;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens an order for one seller's listings, already reserved by checkout. Totals are computed by the order;
 * {@code payBy} is when the reservations lapse if the order is still unpaid.
 */
public record PlaceOrder(
        @TargetAggregateIdentifier String orderId,
        String buyerId,
        String sellerId,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        Instant payBy) {

    public PlaceOrder {
        lines = List.copyOf(lines);
    }
}
