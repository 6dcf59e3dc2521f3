package com.bazaar.app.chat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.chat.SendChatMessage;
import com.bazaar.contracts.common.MetadataKeys;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

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

        long started = System.nanoTime();
        for (int i = 0; i < MESSAGES; i++) {
            send(commands, buyer, threadId, "message " + i);
        }
        long fillMillis = (System.nanoTime() - started) / 1_000_000;

        List<Long> sendMillis = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            long before = System.nanoTime();
            send(commands, buyer, threadId, "timed " + i);
            sendMillis.add((System.nanoTime() - before) / 1_000_000);
        }
        sendMillis.sort(Long::compare);

        EventStore events = bazaar.bean(EventStore.class);
        long readStarted = System.nanoTime();
        long all = events.readEvents(threadId, 0).asStream().count();
        long readAllMillis = (System.nanoTime() - readStarted) / 1_000_000;
        DomainEventStream loaded = events.readEvents(threadId);
        DomainEventMessage<?> first = loaded.next();
        long rest = loaded.asStream().count();

        System.out.printf("chat long thread: %d messages (%d events) sent in %d ms; a send on it takes %d ms "
                        + "(median of 21); reading all events %d ms; loading reads a snapshot and %d events%n",
                MESSAGES, all, fillMillis, sendMillis.get(10), readAllMillis, rest);
        assertThat(all).isGreaterThanOrEqualTo(2L * MESSAGES);
        assertThat(first.getType()).endsWith("ChatThread");
        assertThat(first.getSequenceNumber()).isGreaterThan(2L * MESSAGES - 200);
        assertThat(rest).isLessThan(200);
    }

    private static void send(CommandGateway commands, RunningBazaar.User sender, String threadId, String text) {
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                        new SendChatMessage(threadId, java.util.UUID.randomUUID().toString(), text))
                .andMetaData(Map.of(MetadataKeys.USER_ID, sender.id(), MetadataKeys.REQUEST_ID, "long-thread")));
    }
}
