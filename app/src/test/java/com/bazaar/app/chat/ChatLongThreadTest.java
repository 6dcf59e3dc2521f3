package com.bazaar.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.chat.ChatMessageRelayed;
import com.bazaar.contracts.chat.ChatMessageSubmitted;
import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.contracts.chat.SendChatMessage;
import com.bazaar.contracts.common.MetadataKeys;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread of 5,000 messages loads from a snapshot and at most {@code snapshot-every} events, not from all of them.
 * Prints the timings that docs/PERFORMANCE.md quotes (not asserted: the machine's load decides them).
 */
class ChatLongThreadTest {

    private static final int MESSAGES = 5_000;

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir, "--bazaar.chat.relay=flagged");
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void aFiveThousandMessageThreadLoadsFromASnapshot() {
        RunningBazaar.User seller = bazaar.signUp("Long-thread seller");
        RunningBazaar.User buyer = bazaar.signUp("Long-thread buyer");
        String threadId = new Chats(bazaar).open(buyer, bazaar.publishedListing(seller, "Much discussed sofa", 30000));
        CommandGateway commands = bazaar.bean(CommandGateway.class);

        // Writing 5,000 messages command by command takes many minutes on a busy machine; the events are what the
        // aggregate would have applied (submitted + relayed at once), appended in batches with their sequence numbers.
        EventStore events = bazaar.bean(EventStore.class);
        long next = events.readEvents(threadId, 0).asStream().count();
        long started = System.nanoTime();
        List<DomainEventMessage<?>> batch = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 1; i <= MESSAGES; i++) {
            String messageId = threadId + "." + i;
            Map<String, String> metadata = Map.of(MetadataKeys.USER_ID, buyer.id(), MetadataKeys.REQUEST_ID, "fill");
            batch.add(new GenericDomainEventMessage<>(
                    "ChatThread",
                    threadId,
                    next++,
                    new ChatMessageSubmitted(
                            threadId,
                            messageId,
                            "fill-" + i,
                            buyer.id(),
                            ChatSide.BUYER,
                            "message " + i,
                            "message " + i,
                            List.of(),
                            false,
                            now),
                    MetaData.from(metadata)));
            batch.add(new GenericDomainEventMessage<>(
                    "ChatThread",
                    threadId,
                    next++,
                    new ChatMessageRelayed(
                            threadId,
                            messageId,
                            ChatSide.BUYER,
                            ChatSide.SELLER,
                            "message " + i,
                            now,
                            "message " + i,
                            null,
                            false),
                    MetaData.from(metadata)));
            if (batch.size() >= 1_000) {
                events.publish(batch);
                batch.clear();
                // A thread grows message by message and is snapshotted on the way; here a command after each batch
                // loads (at most) that batch's events and takes the snapshot, as the growth would have.
                send(commands, buyer, threadId, "snapshot " + i);
                next += 2;
            }
        }
        events.publish(batch);
        long fillMillis = (System.nanoTime() - started) / 1_000_000;

        // The first command after the fill (the last batch's command took the newest snapshot).
        long firstStarted = System.nanoTime();
        send(commands, buyer, threadId, "first after the fill");
        long firstMillis = (System.nanoTime() - firstStarted) / 1_000_000;

        List<Long> sendMillis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long before = System.nanoTime();
            send(commands, buyer, threadId, "timed " + i);
            sendMillis.add((System.nanoTime() - before) / 1_000_000);
        }
        sendMillis.sort(Long::compare);

        long readStarted = System.nanoTime();
        long all = events.readEvents(threadId, 0).asStream().count();
        long readAllMillis = (System.nanoTime() - readStarted) / 1_000_000;
        DomainEventStream loaded = events.readEvents(threadId);
        DomainEventMessage<?> first = loaded.next();
        long rest = loaded.asStream().count();

        System.out.printf(
                "chat long thread: %d messages (%d events) appended in %d ms; the send after the "
                        + "last batch: %d ms; later sends (snapshot + at most %d events) take %d ms (median of 21); "
                        + "reading all events %d ms; loading now reads a snapshot and %d events%n",
                MESSAGES, all, fillMillis, firstMillis, 199, sendMillis.get(10), readAllMillis, rest);
        assertThat(all).isGreaterThanOrEqualTo(2L * MESSAGES);
        assertThat(first.getType()).endsWith("ChatThread");
        assertThat(first.getSequenceNumber()).isGreaterThan(2L * MESSAGES - 200);
        assertThat(rest).isLessThan(200);
    }

    private static void send(CommandGateway commands, RunningBazaar.User sender, String threadId, String text) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new SendChatMessage(
                        threadId, java.util.UUID.randomUUID().toString(), text))
                .andMetaData(Map.of(MetadataKeys.USER_ID, sender.id(), MetadataKeys.REQUEST_ID, "long-thread")));
    }
}
