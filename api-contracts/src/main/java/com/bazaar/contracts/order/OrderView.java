package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;
import java.time.Instant;
import java.util.List;

/**
 * The order tracking screen: what was bought, where it goes, where it is, and how it got there ({@code timeline},
 * oldest first). {@code shipment} is null until the seller ships; {@code paymentReference} until it is paid.
 */
public record OrderView(
        String id,
        OrderStatus status,
        String buyerId,
        String sellerId,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        Money itemsTotal,
        Money shippingTotal,
        Money total,
        Instant placedAt,
        Instant payBy,
        String paymentReference,
        Shipment shipment,
        List<StatusChange> timeline) {

    public record Shipment(String carrier, String trackingNumber) {}

    public record StatusChange(OrderStatus status, Instant at, String note) {}
}
