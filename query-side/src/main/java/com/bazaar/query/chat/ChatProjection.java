package com.bazaar.query.chat;

import com.bazaar.contracts.chat.AdminChatMessageSent;
import com.bazaar.contracts.chat.ChatMessageRejected;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatThreadOpened;
import com.bazaar.contracts.chat.ChatThreadRead;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * The durable writer of the chat read model: a shared pooled processor with its tokens in Mongo, so every chat event
 * is in the read model even when no node was running to follow it live ({@link ChatLiveFeed}).
 */
@Component
@ProcessingGroup(ChatProjection.PROCESSING_GROUP)
class ChatProjection {

    static final String PROCESSING_GROUP = "chat";

    private final ChatViews views;
    private final ChatReads reads;

    ChatProjection(ChatViews views, ChatReads reads) {
        this.views = views;
        this.reads = reads;
    }

    @EventHandler
    void on(ChatThreadOpened event, @Timestamp Instant at) {
        views.on(event, at);
    }

    @EventHandler
    void on(ChatMessageSubmitted event, @SequenceNumber long sequence) {
        views.on(event, sequence);
    }

    @EventHandler
    void on(ChatMessageRelayed event, @SequenceNumber long sequence) {
        views.on(event, sequence);
    }

    @EventHandler
    void on(ChatMessageRejected event, @SequenceNumber long sequence) {
        views.on(event, sequence);
    }

    @EventHandler
    void on(AdminChatMessageSent event, @SequenceNumber long sequence) {
        views.on(event, sequence);
    }

    /** The node that took the request wrote the marker already; this keeps the markers rebuildable from events. */
    @EventHandler
    void on(ChatThreadRead event) {
        reads.markRead(event.threadId(), event.readerId(), event.upTo());
    }

    @ResetHandler
    void reset() {
        views.reset();
    }
}
