package com.bazaar.query.chat;

import com.bazaar.contracts.chat.AdminChatMessageSent;
import com.bazaar.contracts.chat.ChatMessageRejected;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatThreadOpened;
import com.bazaar.contracts.chat.ChatThreadRead;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.order.FindOrder;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderParty;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderShipped;
import com.bazaar.contracts.order.OrderView;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

/**
 * Every node follows the event store itself for live delivery: this processor ({@code chat-live}) has an in-memory
 * token per node, starts at the head when the node starts, writes the same idempotent entries as {@link ChatProjection}
 * and then wakes this node's streams. Because it wrote (or found) the entry before signalling, a woken stream always
 * finds what it was woken for, whichever node accepted the message. Cost per node: docs/CHAT.md.
 *
 * <p>Shipping, delivery and cancellation events name only the order; their banners find its buyer and seller among
 * the orders this processor saw placed since the node started, else in the order tracking read model through the query
 * bus (durable and shared, but it may trail the events by a moment, which is when a just-placed order is cancelled).
 */
@Component
@ProcessingGroup(ChatLiveFeed.PROCESSING_GROUP)
class ChatLiveFeed {

    static final String PROCESSING_GROUP = "chat-live";

    private final ChatViews views;
    private final ChatReads reads;
    private final ChatSignals signals;
    private final QueryGateway queries;
    /** Parties of orders placed since this node started, newest kept: a cache of events, not shared state. */
    private final Map<String, Parties> recentOrders = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Parties> eldest) {
            return size() > RECENT_ORDERS;
        }
    });

    private record Parties(String orderId, String buyerId, String sellerId) {}

    private static final int RECENT_ORDERS = 10_000;

    ChatLiveFeed(ChatViews views, ChatReads reads, ChatSignals signals, QueryGateway queries) {
        this.views = views;
        this.reads = reads;
        this.signals = signals;
        this.queries = queries;
    }

    @EventHandler
    void on(ChatThreadOpened event, @Timestamp Instant at) {
        views.on(event, at);
        signals.publish(new ChatSignals.ThreadChanged(event.threadId(), event.buyerId(), event.sellerId()));
    }

    @EventHandler
    void on(ChatMessageSubmitted event, @SequenceNumber long sequence) {
        views.on(event, sequence);
        changed(event.threadId());
    }

    @EventHandler
    void on(ChatMessageRelayed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        views.on(event, sequence);
        reads.thread(event.threadId()).ifPresent(thread -> {
            signals.publish(thread.changed());
            notify(thread.userOf(event.to()), "chat.message", thread, event.deliveredText(), at);
        });
    }

    @EventHandler
    void on(ChatMessageRejected event, @SequenceNumber long sequence, @Timestamp Instant at) {
        views.on(event, sequence);
        reads.thread(event.threadId()).ifPresent(thread -> {
            signals.publish(thread.changed());
            notify(thread.userOf(event.from()), "chat.rejected", thread, event.reason(), at);
        });
    }

    @EventHandler
    void on(AdminChatMessageSent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        views.on(event, sequence);
        reads.thread(event.threadId()).ifPresent(thread -> {
            signals.publish(thread.changed());
            notify(thread.userOf(event.to()), "chat.message", thread, event.text(), at);
        });
    }

    /** A read marker moved on some node: this node's inbox streams of the thread show the new unread count. */
    @EventHandler
    void on(ChatThreadRead event) {
        reads.markRead(event.threadId(), event.readerId(), event.upTo());
        changed(event.threadId());
    }

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at) {
        recentOrders.put(event.orderId(), new Parties(event.orderId(), event.buyerId(), event.sellerId()));
        signals.publish(
                new ChatSignals.Notification(event.sellerId(), "order.placed", null, event.orderId(), null, null, at));
    }

    @EventHandler
    void on(OrderPaid event, @Timestamp Instant at) {
        signals.publish(new ChatSignals.Notification(
                event.sellerId(), "payment.received", null, event.orderId(), null, null, at));
        signals.publish(
                new ChatSignals.Notification(event.buyerId(), "order.paid", null, event.orderId(), null, null, at));
    }

    @EventHandler
    void on(ListingSold event, @Timestamp Instant at) {
        signals.publish(new ChatSignals.Notification(
                event.sellerId(), "listing.sold", null, event.orderId(), event.listingId(), null, at));
    }

    @EventHandler
    void on(OrderShipped event, @Timestamp Instant at) {
        partiesOf(event.orderId())
                .ifPresent(order -> orderNotice(
                        order.buyerId(), "order.shipped", order, event.carrier() + " " + event.trackingNumber(), at));
    }

    /** Whoever confirmed the delivery knows it already; the other party is told. */
    @EventHandler
    void on(OrderDelivered event, @Timestamp Instant at) {
        partiesOf(event.orderId())
                .ifPresent(order -> orderNotice(
                        event.confirmedBy() == OrderParty.BUYER ? order.sellerId() : order.buyerId(),
                        "order.delivered",
                        order,
                        null,
                        at));
    }

    /** Both parties: the buyer's order ended unpaid, the seller's listings are back on sale. */
    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at) {
        String reason = event.reason().name().toLowerCase(Locale.ROOT);
        partiesOf(event.orderId()).ifPresent(order -> {
            orderNotice(order.buyerId(), "order.cancelled", order, reason, at);
            orderNotice(order.sellerId(), "order.cancelled", order, reason, at);
        });
    }

    /** The order's parties; empty only for an order placed before this node started and unknown to tracking. */
    private Optional<Parties> partiesOf(String orderId) {
        Parties recent = recentOrders.get(orderId);
        if (recent != null) {
            return Optional.of(recent);
        }
        return queries.query(new FindOrder(orderId, null, true), ResponseTypes.optionalInstanceOf(OrderView.class))
                .join()
                .map(order -> new Parties(order.id(), order.buyerId(), order.sellerId()));
    }

    private void orderNotice(String userId, String kind, Parties order, String text, Instant at) {
        signals.publish(new ChatSignals.Notification(userId, kind, null, order.orderId(), null, text, at));
    }

    private void changed(String threadId) {
        reads.thread(threadId).ifPresent(thread -> signals.publish(thread.changed()));
    }

    private void notify(String userId, String kind, ChatReads.Thread thread, String text, Instant at) {
        if (userId != null) {
            signals.publish(new ChatSignals.Notification(userId, kind, thread.id(), null, null, text, at));
        }
    }
}
