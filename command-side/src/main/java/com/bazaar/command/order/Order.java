package com.bazaar.command.order;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.order.CancelFailedCheckout;
import com.bazaar.contracts.order.CancelOrder;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.ConfirmRefund;
import com.bazaar.contracts.order.ExpireOrder;
import com.bazaar.contracts.order.MarkOrderDelivered;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderCouldNotBeFulfilled;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderParty;
import com.bazaar.contracts.order.OrderPaymentFailed;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefundRequested;
import com.bazaar.contracts.order.OrderRefunded;
import com.bazaar.contracts.order.OrderShipped;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.PaymentIntentCreated;
import com.bazaar.contracts.order.PlaceOrder;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.bazaar.contracts.order.RecordPaymentIntent;
import com.bazaar.contracts.order.RefundUnfulfillableOrder;
import com.bazaar.contracts.order.RequestRefund;
import com.bazaar.contracts.order.ShipOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One buyer's purchase from one seller. Payment reports are idempotent (the provider delivers them more than once and
 * out of order); user actions that do not fit the state are 409s. Transitions: docs/ORDERS.md.
 */
@Aggregate
class Order {

    private static final Set<OrderStatus> UNPAID = EnumSet.of(OrderStatus.PENDING_PAYMENT, OrderStatus.PAYMENT_FAILED);
    private static final Set<OrderStatus> MONEY_TAKEN =
            EnumSet.of(OrderStatus.PAID, OrderStatus.SHIPPED, OrderStatus.DELIVERED);

    /** Who asked, in events of refunds nobody asked for: the system itself. */
    static final String SYSTEM_ACTOR = "bazaar";

    @AggregateIdentifier
    private String orderId;

    private String buyerId;
    private String sellerId;
    private List<String> listingIds;
    private OrderTotals totals;
    private Instant payBy;
    private OrderStatus status;
    private String paymentIntentId;
    private String paymentReference;
    private boolean refundRequested;

    /** For Axon, which rebuilds the aggregate from its events. */
    Order() {}

    @CommandHandler
    Order(PlaceOrder command) {
        apply(new OrderPlaced(
                command.orderId(),
                command.buyerId(),
                command.sellerId(),
                command.lines(),
                command.shippingAddress(),
                OrderTotals.of(command.lines()),
                command.payBy()));
    }

    @CommandHandler
    void handle(CancelOrder command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        requireParty(buyerId, actingUserId);
        requireStatus(UNPAID, "cancel");
        apply(new OrderCancelled(orderId, CancellationReason.BUYER, listingIds));
    }

    /** Checkout withdraws an order it placed when another order of the same checkout failed; repeats change nothing. */
    @CommandHandler
    void handle(CancelFailedCheckout command) {
        if (UNPAID.contains(status)) {
            apply(new OrderCancelled(orderId, CancellationReason.CHECKOUT_FAILED, listingIds));
        }
    }

    /** A late or repeated expiry changes nothing: only an order still unpaid at its deadline is cancelled. */
    @CommandHandler
    void handle(ExpireOrder command, Clock clock) {
        if (UNPAID.contains(status) && !clock.instant().isBefore(payBy)) {
            apply(new OrderCancelled(orderId, CancellationReason.EXPIRED, listingIds));
        }
    }

    @CommandHandler
    void handle(ConfirmPayment command) {
        if (MONEY_TAKEN.contains(status) || status == OrderStatus.REFUNDED) {
            return;
        }
        // Money arrived for an order that is no longer payable; issue 6's saga refunds it.
        requireStatus(UNPAID, "record a payment for");
        apply(new OrderPaid(orderId, buyerId, sellerId, listingIds, command.paymentReference(), totals));
    }

    /** A failure reported after the order was paid or closed belongs to an earlier attempt and is ignored. */
    @CommandHandler
    void handle(RecordPaymentFailure command) {
        if (UNPAID.contains(status)) {
            apply(new OrderPaymentFailed(orderId, command.paymentReference(), command.reason()));
        }
    }

    /** The saga retries after crashes and Stripe answers a retried creation with the same intent: record it once. */
    @CommandHandler
    void handle(RecordPaymentIntent command) {
        if (!command.paymentIntentId().equals(paymentIntentId)) {
            apply(new PaymentIntentCreated(orderId, command.paymentIntentId()));
        }
    }

    /**
     * Admins may refund any paid order; the seller only until it ships (afterwards the parcel is on its way and a
     * refund needs an admin to look at it). The buyer asks through support, so for them it does not exist here.
     * A repeated request while the refund is under way changes nothing.
     */
    @CommandHandler
    void handle(RequestRefund command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        if (!command.admin()) {
            requireParty(sellerId, actingUserId);
        }
        requireStatus(command.admin() ? MONEY_TAKEN : EnumSet.of(OrderStatus.PAID), "refund");
        if (!refundRequested) {
            apply(new OrderRefundRequested(orderId, paymentReference, totals.total(), actingUserId));
        }
    }

    /**
     * Paid, but a listing had gone to another order: the whole payment goes back (one refund per order at Stripe) and
     * the order can no longer be shipped. Repeated, or after someone already asked for a refund, it changes nothing.
     */
    @CommandHandler
    void handle(RefundUnfulfillableOrder command) {
        if (!MONEY_TAKEN.contains(status) || refundRequested) {
            return;
        }
        apply(new OrderCouldNotBeFulfilled(orderId, buyerId, command.unavailableListingIds(), totals.total()));
        apply(new OrderRefundRequested(orderId, paymentReference, totals.total(), SYSTEM_ACTOR));
    }

    @CommandHandler
    void handle(ShipOrder command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        requireParty(sellerId, actingUserId);
        requireStatus(EnumSet.of(OrderStatus.PAID), "ship");
        if (refundRequested) {
            throw new DomainException(
                    ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
                    "Cannot ship order " + orderId + ": its refund is under way.");
        }
        apply(new OrderShipped(orderId, command.carrier(), command.trackingNumber()));
    }

    /** The buyer confirms receipt, or the seller marks it (e.g. after the carrier's delivery scan); whoever is first. */
    @CommandHandler
    void handle(MarkOrderDelivered command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        OrderParty party = buyerId.equals(actingUserId) ? OrderParty.BUYER : OrderParty.SELLER;
        requireParty(party == OrderParty.BUYER ? buyerId : sellerId, actingUserId);
        requireStatus(EnumSet.of(OrderStatus.SHIPPED), "mark delivered");
        apply(new OrderDelivered(orderId, party));
    }

    @CommandHandler
    void handle(ConfirmRefund command) {
        if (status == OrderStatus.REFUNDED) {
            return;
        }
        requireStatus(MONEY_TAKEN, "refund");
        apply(new OrderRefunded(orderId, command.refundReference()));
    }

    /** Someone else's order answers as if it did not exist, so ids cannot be probed. */
    private void requireParty(String party, String actingUserId) {
        if (!party.equals(actingUserId)) {
            throw new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist.");
        }
    }

    private void requireStatus(Set<OrderStatus> allowed, String action) {
        if (!allowed.contains(status)) {
            throw new DomainException(
                    ErrorCode.ORDER_TRANSITION_NOT_ALLOWED,
                    "Cannot " + action + " order " + orderId + " while it is " + status + ".");
        }
    }

    @EventSourcingHandler
    void on(OrderPlaced event) {
        orderId = event.orderId();
        buyerId = event.buyerId();
        sellerId = event.sellerId();
        listingIds = event.lines().stream().map(OrderLine::listingId).toList();
        totals = event.totals();
        payBy = event.payBy();
        status = OrderStatus.PENDING_PAYMENT;
    }

    @EventSourcingHandler
    void on(OrderCancelled event) {
        status = OrderStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(OrderPaymentFailed event) {
        status = OrderStatus.PAYMENT_FAILED;
    }

    @EventSourcingHandler
    void on(OrderPaid event) {
        status = OrderStatus.PAID;
        paymentReference = event.paymentReference();
    }

    @EventSourcingHandler
    void on(PaymentIntentCreated event) {
        paymentIntentId = event.paymentIntentId();
    }

    @EventSourcingHandler
    void on(OrderRefundRequested event) {
        refundRequested = true;
    }

    @EventSourcingHandler
    void on(OrderShipped event) {
        status = OrderStatus.SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDelivered event) {
        status = OrderStatus.DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderRefunded event) {
        status = OrderStatus.REFUNDED;
    }
}
