package com.bazaar.query.order;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderView;
import com.bazaar.contracts.order.Receipt;
import com.bazaar.contracts.order.ShippingAddress;
import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** The order tracking read model, one document per order. */
@Document("#{@readModelCollections.name('order_tracking')}")
record TrackedOrder(
        @Id String id,
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
        Instant paidAt,
        String paymentReference,
        OrderView.Shipment shipment,
        List<OrderView.StatusChange> timeline,
        long lastSequence) {

    static final String COLLECTION = "order_tracking";

    boolean visibleTo(String viewerId, boolean staff) {
        return staff || buyerId.equals(viewerId) || sellerId.equals(viewerId);
    }

    OrderView toView() {
        return new OrderView(
                id,
                status,
                buyerId,
                sellerId,
                lines,
                shippingAddress,
                itemsTotal,
                shippingTotal,
                total,
                placedAt,
                payBy,
                paymentReference,
                shipment,
                timeline);
    }

    Receipt toReceipt() {
        return new Receipt(
                id,
                buyerId,
                sellerId,
                lines,
                shippingAddress,
                itemsTotal,
                shippingTotal,
                total,
                paidAt,
                paymentReference,
                status);
    }
}
