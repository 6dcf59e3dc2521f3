package com.bazaar.payments;

import com.bazaar.contracts.notification.NotificationPort;
import com.bazaar.contracts.order.OrderCouldNotBeFulfilled;
import com.bazaar.contracts.order.OrderPaid;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Tells the buyer their payment went through (or that it is being refunded because an item had gone to someone
 * else) and the seller that they sold something. Separate from the saga so it
 * also runs when the payment came by another way than Stripe's webhook; never replayed (it would notify history).
 */
@Component
@ProcessingGroup(PaymentNotifications.PROCESSING_GROUP)
@DisallowReplay
class PaymentNotifications {

    static final String PROCESSING_GROUP = "payment-notifications";

    private final NotificationPort notifications;

    PaymentNotifications(NotificationPort notifications) {
        this.notifications = notifications;
    }

    @EventHandler
    void on(OrderPaid event) {
        notifications.paymentReceived(
                event.buyerId(), event.orderId(), event.totals().total());
        notifications.itemsSold(
                event.sellerId(), event.orderId(), event.totals().total());
    }

    @EventHandler
    void on(OrderCouldNotBeFulfilled event) {
        notifications.orderRefundedAsUnavailable(event.buyerId(), event.orderId(), event.refund());
    }
}
