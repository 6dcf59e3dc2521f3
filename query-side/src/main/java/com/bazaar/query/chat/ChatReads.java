package com.bazaar.query.chat;

import com.bazaar.contracts.chat.ChatCursor;
import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Reads of the chat read model, and the read markers. Blocking: call them off the event loop. */
@Component
class ChatReads {

    static final String READS = "chat_reads";

    record Thread(String id, String subjectType, String subjectId, String buyerId, String sellerId) {

        /** The side {@code userId} reads as; admins who are not a participant read the admin view. */
        Optional<ChatSide> audienceOf(String userId, boolean admin) {
            if (userId.equals(buyerId)) {
                return Optional.of(ChatSide.BUYER);
            }
            if (userId.equals(sellerId)) {
                return Optional.of(ChatSide.SELLER);
            }
            return admin ? Optional.of(ChatSide.ADMIN) : Optional.empty();
        }

        String userOf(ChatSide side) {
            return switch (side) {
                case BUYER -> buyerId;
                case SELLER -> sellerId;
                case ADMIN -> null;
            };
        }

        ChatSignals.ThreadChanged changed() {
            return new ChatSignals.ThreadChanged(id, buyerId, sellerId);
        }
    }

    /**
     * One message as one audience sees it. {@code status} only on the sender's own messages (pending, sent,
     * rejected with {@code reason}) and in the admin view; the admin view also has the guard's findings.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Item(
            String id,
            String from,
            String text,
            Instant sentAt,
            String cursor,
            String status,
            String reason,
            String redactedText,
            List<String> flags,
            String deliveredText,
            Boolean edited,
            String actedBy,
            String to,
            @com.fasterxml.jackson.annotation.JsonIgnore long sequence) {}

    record Subject(String type, String id) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InboxEntry(String threadId, Subject subject, String side, Item lastMessage, long unread) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Pending(String threadId, Subject subject, Item message) {}

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    ChatReads(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    /** The collections of the generation this read or write belongs to (docs/OPERATIONS.md, "Rebuild"). */
    private MongoCollection<Document> threads() {
        return mongo.getCollection(collections.name(ChatViews.THREADS));
    }

    private MongoCollection<Document> entries() {
        return mongo.getCollection(collections.name(ChatViews.ENTRIES));
    }

    private MongoCollection<Document> readMarkers() {
        return mongo.getCollection(collections.name(READS));
    }

    Optional<Thread> thread(String threadId) {
        return Optional.ofNullable(threads().find(Filters.eq("_id", threadId)).first())
                .map(ChatReads::thread);
    }

    /** Entries of one audience after {@code afterSequence}, oldest change first. */
    List<Item> after(String threadId, ChatSide audience, long afterSequence, int limit) {
        List<Item> items = new ArrayList<>();
        entries()
                .find(Filters.and(
                        Filters.eq("threadId", threadId),
                        Filters.eq("audience", audience.name()),
                        Filters.gt("cursor", afterSequence)))
                .sort(Sorts.ascending("cursor"))
                .limit(limit)
                .forEach(entry -> items.add(item(entry)));
        return items;
    }

    List<InboxEntry> inbox(String userId) {
        List<InboxEntry> inbox = new ArrayList<>();
        threads()
                .find(Filters.or(Filters.eq("buyerId", userId), Filters.eq("sellerId", userId)))
                .forEach(document -> inbox.add(inboxEntry(thread(document), userId)));
        inbox.sort(Comparator.comparing((InboxEntry entry) -> entry.lastMessage() == null
                        ? Instant.EPOCH
                        : entry.lastMessage().sentAt())
                .reversed());
        return inbox;
    }

    InboxEntry inboxEntry(Thread thread, String userId) {
        ChatSide side = thread.audienceOf(userId, false).orElseThrow();
        Document last = entries()
                .find(Filters.and(
                        Filters.eq("threadId", thread.id()),
                        Filters.eq("audience", side.name()),
                        Filters.exists("cursor")))
                .sort(Sorts.descending("cursor"))
                .limit(1)
                .first();
        long unread = entries()
                .countDocuments(Filters.and(
                        Filters.eq("threadId", thread.id()),
                        Filters.eq("audience", side.name()),
                        Filters.ne("from", side.name()),
                        Filters.gt("cursor", readMarker(thread.id(), userId))));
        return new InboxEntry(
                thread.id(),
                new Subject(thread.subjectType(), thread.subjectId()),
                side.name().toLowerCase(Locale.ROOT),
                last == null ? null : item(last),
                unread);
    }

    /** Held messages, oldest first, for the admins. */
    List<Pending> pending(int limit) {
        List<Pending> pending = new ArrayList<>();
        entries()
                .find(Filters.and(Filters.eq("audience", ChatSide.ADMIN.name()), Filters.eq("status", "pending")))
                .sort(Sorts.ascending("sentAt"))
                .limit(limit)
                .forEach(entry -> {
                    Optional<Thread> thread = thread(entry.getString("threadId"));
                    pending.add(new Pending(
                            entry.getString("threadId"),
                            thread.map(found -> new Subject(found.subjectType(), found.subjectId()))
                                    .orElse(null),
                            item(entry)));
                });
        return pending;
    }

    long readMarker(String threadId, String userId) {
        Document marker =
                readMarkers().find(Filters.eq("_id", threadId + "|" + userId)).first();
        return marker == null ? -1 : marker.getLong("sequence");
    }

    /** Markers only move forward: a late request from another device cannot mark messages unread again. */
    /** Moves the marker forward only; answers whether it moved (a marker at or after {@code sequence} stays). */
    boolean markRead(String threadId, String userId, long sequence) {
        UpdateResult result = readMarkers()
                .updateOne(
                        Filters.eq("_id", threadId + "|" + userId),
                        Updates.max("sequence", sequence),
                        new UpdateOptions().upsert(true));
        return result.getUpsertedId() != null || result.getModifiedCount() > 0;
    }

    private static Thread thread(Document document) {
        return new Thread(
                document.getString("_id"),
                document.getString("subjectType"),
                document.getString("subjectId"),
                document.getString("buyerId"),
                document.getString("sellerId"));
    }

    @SuppressWarnings("unchecked")
    private static Item item(Document entry) {
        long sequence = entry.getLong("cursor");
        Date sentAt = entry.getDate("sentAt");
        return new Item(
                entry.getString("messageId"),
                lower(entry.getString("from")),
                entry.getString("text"),
                sentAt == null ? null : sentAt.toInstant(),
                ChatCursor.encode(sequence),
                entry.getString("status"),
                entry.getString("reason"),
                entry.getString("redactedText"),
                (List<String>) entry.get("flags"),
                entry.getString("deliveredText"),
                entry.getBoolean("edited"),
                entry.getString("actedBy"),
                lower(entry.getString("to")),
                sequence);
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }
}
