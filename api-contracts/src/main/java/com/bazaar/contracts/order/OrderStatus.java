package com.bazaar.contracts.order;

/** Where an order is; see docs/ORDERS.md for the allowed transitions. */
public enum OrderStatus {
    PENDING_PAYMENT,
    PAYMENT_FAILED,
    PAID,
    SHIPPED,
    DELIVERED,
    CANCELLED,
    REFUNDED
}
