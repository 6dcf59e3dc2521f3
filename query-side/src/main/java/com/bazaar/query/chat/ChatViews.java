package com.bazaar.query.chat;

import com.bazaar.contracts.chat.AdminChatMessageSent;
import com.bazaar.contracts.chat.ChatMessageRejected;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.contracts.chat.ChatThreadOpened;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.bazaar.platform.readmodel.ReadModelIndexes;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes the chat read model: one entry per message and audience (buyer, seller, admin) holding what that audience
 * sees, stamped with the cursor of the event that last changed it. Two processors write it (the shared {@code chat}
 * projection and every node's {@code chat-live} follower, docs/CHAT.md), in any interleaving, so every write is
 * idempotent and order-proof: what never changes (sender, text, time) is set unconditionally, what changes (status,
 * cursor) only by an event newer than the entry.
 */
@Component
class ChatViews implements ReadModelIndexes {

    static final String THREADS = "chat_threads";
    static final String ENTRIES = "chat_entries";

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    ChatViews(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
        ensure();
    }

    @Override
    public String processor() {
        return ChatProjection.PROCESSING_GROUP;
    }

    /** Also called by a live rebuild for the generation it is about to fill. */
    @Override
    public void ensure() {
        entries().createIndex(new Document("threadId", 1).append("audience", 1).append("cursor", 1));
        entries().createIndex(new Document("audience", 1).append("status", 1).append("sentAt", 1));
        threads().createIndex(new Document("buyerId", 1));
        threads().createIndex(new Document("sellerId", 1));
    }

    /** The collections of the generation this write or read belongs to (docs/OPERATIONS.md, "Rebuild"). */
    private MongoCollection<Document> threads() {
        return mongo.getCollection(collections.name(THREADS));
    }

    private MongoCollection<Document> entries() {
        return mongo.getCollection(collections.name(ENTRIES));
    }

    void on(ChatThreadOpened event, Instant at) {
        upsert(
                threads(),
                event.threadId(),
                Updates.combine(
                        Updates.setOnInsert("subjectType", event.subjectType()),
                        Updates.setOnInsert("subjectId", event.subjectId()),
                        Updates.setOnInsert("buyerId", event.buyerId()),
                        Updates.setOnInsert("sellerId", event.sellerId()),
                        Updates.setOnInsert("openedAt", Date.from(at))));
    }

    void on(ChatMessageSubmitted event, long sequence) {
        Document message = message(event.from(), event.text(), event.submittedAt());
        write(
                event.threadId(),
                event.from(),
                event.messageId(),
                message,
                new Document("status", event.held() ? "pending" : "sent"),
                sequence);
        write(
                event.threadId(),
                ChatSide.ADMIN,
                event.messageId(),
                new Document(message)
                        .append("redactedText", event.redactedText())
                        .append("flags", event.flags())
                        .append("senderId", event.senderId()),
                new Document("status", event.held() ? "pending" : "relayed"),
                sequence);
    }

    void on(ChatMessageRelayed event, long sequence) {
        Document original = message(event.from(), event.text(), event.submittedAt());
        write(event.threadId(), event.from(), event.messageId(), original, new Document("status", "sent"), sequence);
        write(
                event.threadId(),
                event.to(),
                event.messageId(),
                message(event.from(), event.deliveredText(), event.submittedAt()),
                new Document(),
                sequence);
        write(
                event.threadId(),
                ChatSide.ADMIN,
                event.messageId(),
                original,
                new Document("status", "relayed")
                        .append("deliveredText", event.deliveredText())
                        .append("edited", event.edited())
                        .append("actedBy", event.relayedBy()),
                sequence);
    }

    void on(ChatMessageRejected event, long sequence) {
        Document original = message(event.from(), event.text(), event.submittedAt());
        write(
                event.threadId(),
                event.from(),
                event.messageId(),
                original,
                new Document("status", "rejected").append("reason", event.reason()),
                sequence);
        write(
                event.threadId(),
                ChatSide.ADMIN,
                event.messageId(),
                original,
                new Document("status", "rejected")
                        .append("reason", event.reason())
                        .append("actedBy", event.rejectedBy()),
                sequence);
    }

    void on(AdminChatMessageSent event, long sequence) {
        Document message = message(ChatSide.ADMIN, event.text(), event.sentAt());
        write(event.threadId(), event.to(), event.messageId(), message, new Document(), sequence);
        write(
                event.threadId(),
                ChatSide.ADMIN,
                event.messageId(),
                new Document(message).append("to", event.to().name()),
                new Document("status", "sent").append("actedBy", event.adminId()),
                sequence);
    }

    void reset() {
        threads().drop();
        entries().drop();
    }

    private static Document message(ChatSide from, String text, Instant sentAt) {
        return new Document("from", from.name()).append("text", text).append("sentAt", Date.from(sentAt));
    }

    private void write(
            String threadId, ChatSide audience, String messageId, Document fixed, Document changing, long sequence) {
        String id = threadId + "|" + audience.name() + "|" + messageId;
        upsert(
                entries(),
                id,
                new Document(
                        "$set",
                        new Document(fixed)
                                .append("threadId", threadId)
                                .append("audience", audience.name())
                                .append("messageId", messageId)));
        entries()
                .updateOne(
                        Filters.and(
                                Filters.eq("_id", id),
                                Filters.or(Filters.exists("cursor", false), Filters.lt("cursor", sequence))),
                        new Document("$set", new Document(changing).append("cursor", sequence)));
    }

    /** Two writers may insert the same document at once; the loser's upsert is an update on the second try. */
    private static void upsert(MongoCollection<Document> collection, String id, Bson update) {
        try {
            collection.updateOne(Filters.eq("_id", id), update, new UpdateOptions().upsert(true));
        } catch (MongoWriteException raced) {
            if (raced.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw raced;
            }
            collection.updateOne(Filters.eq("_id", id), update);
        }
    }
}
