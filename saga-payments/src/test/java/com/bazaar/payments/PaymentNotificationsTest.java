package com.bazaar.payments;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.notification.NotificationPort;
import com.bazaar.contracts.order.OrderCouldNotBeFulfilled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderTotals;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A paid order tells both parties, through the port, whatever implements it. */
class PaymentNotificationsTest {

    @Test
    void theBuyerAndTheSellerAreNotifiedOfAPaidOrder() {
        List<String> sent = new ArrayList<>();
        NotificationPort port = new NotificationPort() {
            @Override
            public void paymentReceived(String buyerId, String orderId, Money total) {
                sent.add("buyer " + buyerId + " paid " + total.amount() + " " + total.currency() + " for " + orderId);
            }

            @Override
            public void itemsSold(String sellerId, String orderId, Money total) {
                sent.add("seller " + sellerId + " sold " + orderId);
            }

            @Override
            public void orderRefundedAsUnavailable(String buyerId, String orderId, Money refund) {
                sent.add("buyer " + buyerId + " refunded " + refund.amount() + " for " + orderId);
            }
        };
        Money total = new Money(9350, "EUR");

        new PaymentNotifications(port)
                .on(new OrderPaid(
                        "order-1",
                        "buyer-1",
                        "seller-1",
                        List.of("listing-1"),
                        "pi_1",
                        new OrderTotals(new Money(8900, "EUR"), new Money(450, "EUR"), total)));

        assertThat(sent).containsExactly("buyer buyer-1 paid 9350 EUR for order-1", "seller seller-1 sold order-1");

        sent.clear();
        new PaymentNotifications(port)
                .on(new OrderCouldNotBeFulfilled("order-1", "buyer-1", List.of("listing-1"), total));
        assertThat(sent).containsExactly("buyer buyer-1 refunded 9350 for order-1");
    }
}
