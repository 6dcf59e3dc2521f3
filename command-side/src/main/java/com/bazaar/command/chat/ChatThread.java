package com.bazaar.command.chat;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bazaar.contracts.chat.AdminChatMessageSent;
import com.bazaar.contracts.chat.ChatCursor;
import com.bazaar.contracts.chat.ChatMessageRejected;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.contracts.chat.ChatThreadOpened;
import com.bazaar.contracts.chat.OpenChatThread;
import com.bazaar.contracts.chat.RejectChatMessage;
import com.bazaar.contracts.chat.RelayChatMessage;
import com.bazaar.contracts.chat.SendAdminChatMessage;
import com.bazaar.contracts.chat.SendChatMessage;
import com.bazaar.contracts.chat.SentChatMessage;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A conversation between the shopper who opened it, the seller and the admins about one listing or order. The state
 * holds only what decisions need: the participants, the messages still waiting for an admin, and for idempotent
 * retries the id of every message each side sent by its client id (a few dozen bytes a message). Snapshots every
 * {@code bazaar.chat.snapshot-every} events keep loading a long thread cheap; Jackson serialises the fields.
 * Message ids are {@code <threadId>.<n>}, so an admin command names its thread through the message id alone.
 */
@Aggregate(snapshotTriggerDefinition = "chatThreadSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
// The snapshot's shape: bump it when the fields change, and Axon ignores the older snapshots (docs/OPERATIONS.md).
@Revision("1")
class ChatThread {

    record Sent(String messageId, long sequence) {}

    record Held(ChatSide from, String text, String redactedText, Instant submittedAt) {}

    @AggregateIdentifier
    private String threadId;

    private String subjectType;
    private String subjectId;
    private String buyerId;
    private String sellerId;
    private long messageCount;
    private long lastSequence = -1;
    /** Key: side + ':' + clientMessageId. */
    private Map<String, Sent> sentByClientId = new HashMap<>();

    private Map<String, Held> held = new LinkedHashMap<>();

    /** For Axon (and Jackson, for snapshots). */
    ChatThread() {}

    /** Opening an open thread again changes nothing and answers false (the HTTP edge: 200 instead of 201). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    boolean handle(OpenChatThread command) {
        if (threadId != null) {
            return false;
        }
        apply(new ChatThreadOpened(
                command.threadId(), command.subjectType(), command.subjectId(), command.buyerId(), command.sellerId()));
        return true;
    }

    @CommandHandler
    SentChatMessage handle(
            SendChatMessage command,
            @MetaDataValue(MetadataKeys.USER_ID) String actingUserId,
            ChatGuard guard,
            ChatProperties properties,
            ChatOrders orders,
            Clock clock) {
        ChatSide side = sideOf(actingUserId);
        String clientKey = side + ":" + command.clientMessageId();
        Sent earlier = sentByClientId.get(clientKey);
        if (earlier != null) {
            return answer(earlier);
        }
        requireOpen(properties, orders, clock);
        ChatGuard.Verdict verdict = guard.check(command.text());
        boolean hold = properties.relay() == ChatProperties.Relay.ALL || !verdict.clean();
        String messageId = nextMessageId();
        Instant now = clock.instant();
        apply(new ChatMessageSubmitted(
                threadId,
                messageId,
                command.clientMessageId(),
                actingUserId,
                side,
                command.text(),
                verdict.redactedText(),
                verdict.flags(),
                hold,
                now));
        Sent sent = sentByClientId.get(clientKey);
        if (!hold) {
            apply(new ChatMessageRelayed(
                    threadId, messageId, side, other(side), command.text(), now, verdict.redactedText(), null, false));
        }
        return answer(sent);
    }

    @CommandHandler
    void handle(RelayChatMessage command, @MetaDataValue(MetadataKeys.USER_ID) String adminId) {
        Held message = requireHeld(command.messageId());
        String delivered = command.editedText() == null ? message.redactedText() : command.editedText();
        apply(new ChatMessageRelayed(
                threadId,
                command.messageId(),
                message.from(),
                other(message.from()),
                message.text(),
                message.submittedAt(),
                delivered,
                adminId,
                command.editedText() != null));
    }

    @CommandHandler
    void handle(RejectChatMessage command, @MetaDataValue(MetadataKeys.USER_ID) String adminId) {
        Held message = requireHeld(command.messageId());
        apply(new ChatMessageRejected(
                threadId,
                command.messageId(),
                message.from(),
                message.text(),
                message.submittedAt(),
                command.reason(),
                adminId));
    }

    @CommandHandler
    SentChatMessage handle(
            SendAdminChatMessage command, @MetaDataValue(MetadataKeys.USER_ID) String adminId, Clock clock) {
        String messageId = nextMessageId();
        apply(new AdminChatMessageSent(threadId, messageId, command.to(), command.text(), adminId, clock.instant()));
        return answer(new Sent(messageId, lastSequence));
    }

    private static SentChatMessage answer(Sent sent) {
        return new SentChatMessage(sent.messageId(), ChatCursor.encode(sent.sequence()));
    }

    /** Everyone but the two participants gets the same answer as for a thread that does not exist. */
    private ChatSide sideOf(String userId) {
        if (userId != null && userId.equals(buyerId)) {
            return ChatSide.BUYER;
        }
        if (userId != null && userId.equals(sellerId)) {
            return ChatSide.SELLER;
        }
        throw new DomainException(ErrorCode.CHAT_THREAD_NOT_FOUND, "Chat thread " + threadId + " does not exist.");
    }

    private void requireOpen(ChatProperties properties, ChatOrders orders, Clock clock) {
        if (!"order".equals(subjectType)) {
            return;
        }
        orders.find(subjectId)
                .map(ChatOrders.Parties::finishedAt)
                .filter(finished -> !clock.instant().isBefore(finished.plus(properties.orderThreadClosesAfter())))
                .ifPresent(finished -> {
                    throw new DomainException(
                            ErrorCode.CHAT_THREAD_CLOSED,
                            "Chat thread " + threadId + " is closed: its order finished at " + finished + ".");
                });
    }

    private Held requireHeld(String messageId) {
        Held message = held.get(messageId);
        if (message == null) {
            throw new DomainException(
                    ErrorCode.CHAT_MESSAGE_NOT_PENDING, "Message " + messageId + " is not waiting for an admin.");
        }
        return message;
    }

    private String nextMessageId() {
        return threadId + "." + (messageCount + 1);
    }

    private static ChatSide other(ChatSide side) {
        return side == ChatSide.BUYER ? ChatSide.SELLER : ChatSide.BUYER;
    }

    @EventSourcingHandler
    void on(ChatThreadOpened event, @SequenceNumber long sequence) {
        threadId = event.threadId();
        subjectType = event.subjectType();
        subjectId = event.subjectId();
        buyerId = event.buyerId();
        sellerId = event.sellerId();
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ChatMessageSubmitted event, @SequenceNumber long sequence) {
        messageCount++;
        sentByClientId.put(event.from() + ":" + event.clientMessageId(), new Sent(event.messageId(), sequence));
        if (event.held()) {
            held.put(
                    event.messageId(), new Held(event.from(), event.text(), event.redactedText(), event.submittedAt()));
        }
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ChatMessageRelayed event, @SequenceNumber long sequence) {
        held.remove(event.messageId());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(ChatMessageRejected event, @SequenceNumber long sequence) {
        held.remove(event.messageId());
        lastSequence = sequence;
    }

    @EventSourcingHandler
    void on(AdminChatMessageSent event, @SequenceNumber long sequence) {
        messageCount++;
        lastSequence = sequence;
    }
}
