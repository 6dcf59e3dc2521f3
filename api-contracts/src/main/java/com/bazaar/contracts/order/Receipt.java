package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;
import java.time.Instant;
import java.util.List;

/** What the buyer paid for, and the payment provider's reference to quote in a dispute. */
public record Receipt(
        String orderId,
        String buyerId,
        String sellerId,
        List<OrderLine> lines,
        ShippingAddress shippingAddress,
        Money itemsTotal,
        Money shippingTotal,
        Money total,
        Instant paidAt,
        String paymentReference,
        OrderStatus status) {}
