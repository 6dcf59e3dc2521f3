package com.bazaar.payments;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.notification.NotificationPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Until push notifications and chat exist (their own issues), notifications are log lines an operator can follow. */
@Component
class LoggingNotifications implements NotificationPort {

    private static final Logger log = LoggerFactory.getLogger(LoggingNotifications.class);

    @Override
    public void paymentReceived(String buyerId, String orderId, Money total) {
        log.info(
                "Notify buyer {}: payment of {} {} for order {} received",
                buyerId,
                total.amount(),
                total.currency(),
                orderId);
    }

    @Override
    public void itemsSold(String sellerId, String orderId, Money total) {
        log.info(
                "Notify seller {}: order {} of {} {} is paid, ready to ship",
                sellerId,
                orderId,
                total.amount(),
                total.currency());
    }

    @Override
    public void orderRefundedAsUnavailable(String buyerId, String orderId, Money refund) {
        log.info(
                "Notify buyer {}: an item of order {} was no longer available; {} {} are being refunded",
                buyerId,
                orderId,
                refund.amount(),
                refund.currency());
    }
}
