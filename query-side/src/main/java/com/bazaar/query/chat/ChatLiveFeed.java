package com.bazaar.query.chat;

import com.bazaar.contracts.chat.AdminChatMessageSent;
import com.bazaar.contracts.chat.ChatMessageRejected;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatThreadOpened;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Every node follows the event store itself for live delivery: this processor ({@code chat-live}) has an in-memory
 * token per node, starts at the head when the node starts, writes the same idempotent entries as {@link ChatProjection}
 * and then wakes this node's streams. Because it wrote (or found) the entry before signalling, a woken stream always
 * finds what it was woken for, whichever node accepted the message. Cost per node: docs/CHAT.md.
 */
@Component
@ProcessingGroup(ChatLiveFeed.PROCESSING_GROUP)
class ChatLiveFeed {

    static final String PROCESSING_GROUP = "chat-live";

    private final ChatViews views;
    private final ChatReads reads;
    private final ChatSignals signals;

    ChatLiveFeed(ChatViews views, ChatReads reads, ChatSignals signals) {
        this.views = views;
        this.reads = reads;
        this.signals = signals;
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

    @EventHandler
    void on(OrderPlaced event, @Timestamp Instant at) {
        signals.publish(new ChatSignals.Notification(event.sellerId(), "order.placed", null, event.orderId(), null,
                null, at));
    }

    @EventHandler
    void on(OrderPaid event, @Timestamp Instant at) {
        signals.publish(new ChatSignals.Notification(event.sellerId(), "payment.received", null, event.orderId(),
                null, null, at));
        signals.publish(new ChatSignals.Notification(event.buyerId(), "order.paid", null, event.orderId(), null,
                null, at));
    }

    @EventHandler
    void on(ListingSold event, @Timestamp Instant at) {
        signals.publish(new ChatSignals.Notification(event.sellerId(), "listing.sold", null, event.orderId(),
                event.listingId(), null, at));
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
