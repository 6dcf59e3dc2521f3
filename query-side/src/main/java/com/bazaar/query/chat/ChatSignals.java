package com.bazaar.query.chat;

import java.time.Instant;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * This node's in-memory fan-out of "something changed" to the streams it holds. Only a wake-up call: streams then
 * read the read model after their cursor, so a missed or coalesced signal costs latency, never a message.
 */
@Component
class ChatSignals {

    /** Thread {@code threadId} (between these two accounts) has new or changed entries, or a new read marker. */
    record ThreadChanged(String threadId, String buyerId, String sellerId) {

        boolean concerns(String userId) {
            return userId.equals(buyerId) || userId.equals(sellerId);
        }
    }

    /** An in-app banner for one account (docs/CHAT.md, "notifications"). */
    record Notification(
            String userId, String kind, String threadId, String orderId, String listingId, String text, Instant at) {}

    private final Sinks.Many<ThreadChanged> threads = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Notification> notifications =
            Sinks.many().multicast().directBestEffort();

    Flux<ThreadChanged> threads() {
        return threads.asFlux();
    }

    Flux<Notification> notifications() {
        return notifications.asFlux();
    }

    /** Several processor threads publish; a sink takes one emitter at a time. */
    synchronized void publish(ThreadChanged change) {
        threads.tryEmitNext(change);
    }

    synchronized void publish(Notification notification) {
        notifications.tryEmitNext(notification);
    }
}
