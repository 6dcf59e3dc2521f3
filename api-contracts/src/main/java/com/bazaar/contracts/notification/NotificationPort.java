package com.bazaar.contracts.notification;

import com.bazaar.contracts.common.Money;

/**
 * How the system tells people that something happened to them. Today one implementation logs; push notifications and
 * chat messages implement it later without the callers changing. Implementations must tolerate being called more than
 * once for the same fact (events are delivered at least once).
 */
public interface NotificationPort {

    /** The buyer's payment for an order went through. */
    void paymentReceived(String buyerId, String orderId, Money total);

    /** The seller sold the listings of an order and may ship it. */
    void itemsSold(String sellerId, String orderId, Money total);

    /** The buyer paid, but an item of the order had gone to someone else: {@code refund} is on its way back. */
    void orderRefundedAsUnavailable(String buyerId, String orderId, Money refund);
}
