package com.bazaar.query.chat;

import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.platform.messaging.RequestMetadata;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * History-then-live for one audience of one thread. The stream listens for this node's wake-ups before its first
 * read, then after every wake-up reads the read model after the last cursor it emitted: whatever was written before
 * the first read is in it, whatever is written later wakes it, and the cursor filter drops repeats, so there is no
 * gap and no duplicate at the seam. A slow poll backs up the wake-ups (docs/CHAT.md).
 */
@Component
class ChatStreams {

    private static final int PAGE = 500;

    /** Who reads a thread, and as which side. */
    record Access(ChatReads.Thread thread, ChatSide audience) {}

    private final ChatReads reads;
    private final ChatSignals signals;
    private final Duration safetyPoll;
    private final Duration threadAppearance;

    ChatStreams(
            ChatReads reads,
            ChatSignals signals,
            @Value("${bazaar.chat.stream-safety-poll:10s}") Duration safetyPoll,
            @Value("${bazaar.chat.thread-appearance-wait:2s}") Duration threadAppearance) {
        this.reads = reads;
        this.signals = signals;
        this.safetyPoll = safetyPoll;
        this.threadAppearance = threadAppearance;
    }

    /**
     * The thread as the caller may read it, or 404. A thread opened a moment ago may not be in the read model yet, so
     * a missing thread is looked for again for a short while before the answer is "not found".
     */
    Mono<Access> access(String threadId, RequestMetadata caller) {
        long attempts = Math.max(1, threadAppearance.toMillis() / 100);
        return Mono.fromCallable(() -> reads.thread(threadId))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(Mono::justOrEmpty)
                // The companion's completion ends the repeats with an empty result (the bounded overload would
                // signal an IllegalStateException instead, answered as a 500).
                .repeatWhenEmpty(tries -> tries.take(attempts).delayElements(Duration.ofMillis(100)))
                .flatMap(thread -> Mono.justOrEmpty(
                        thread.audienceOf(caller.userId(), caller.roles().contains("ADMIN"))
                                .map(audience -> new Access(thread, audience))))
                .switchIfEmpty(Mono.error(() -> new DomainException(
                        ErrorCode.CHAT_THREAD_NOT_FOUND, "Chat thread " + threadId + " does not exist.")));
    }

    /** Non-empty batches of entries after {@code afterSequence}: first what exists, then changes as they happen. */
    Flux<List<ChatReads.Item>> batches(String threadId, ChatSide audience, long afterSequence) {
        return Flux.defer(() -> {
            AtomicLong last = new AtomicLong(afterSequence);
            Flux<Object> wakeUps = Flux.merge(
                    signals.threads().filter(change -> change.threadId().equals(threadId)),
                    Flux.interval(safetyPoll),
                    Mono.just("first read"));
            return wakeUps.onBackpressureLatest()
                    .concatMap(
                            wakeUp -> Mono.fromCallable(() -> readAll(threadId, audience, last))
                                    .subscribeOn(Schedulers.boundedElastic()),
                            1)
                    .filter(batch -> !batch.isEmpty());
        });
    }

    /** The inbox, then an updated entry whenever one of the account's threads changes. */
    Flux<ChatReads.InboxEntry> inbox(String userId) {
        return Flux.defer(() -> {
            Flux<Optional<ChatSignals.ThreadChanged>> wakeUps = Flux.merge(
                    signals.threads().filter(change -> change.concerns(userId)).map(Optional::of),
                    Mono.just(Optional.empty()));
            return wakeUps.onBackpressureBuffer(10_000)
                    .concatMap(
                            wakeUp -> Mono.fromCallable(() -> wakeUp.map(change -> reads.thread(change.threadId())
                                                    .map(thread -> List.of(reads.inboxEntry(thread, userId)))
                                                    .orElse(List.of()))
                                            .orElseGet(() -> reads.inbox(userId)))
                                    .subscribeOn(Schedulers.boundedElastic()),
                            1)
                    .flatMapIterable(entries -> entries);
        });
    }

    Flux<ChatSignals.Notification> notifications(String userId) {
        return signals.notifications()
                .filter(notification -> notification.userId().equals(userId))
                .onBackpressureBuffer(1_000);
    }

    private List<ChatReads.Item> readAll(String threadId, ChatSide audience, AtomicLong last) {
        List<ChatReads.Item> all = new ArrayList<>();
        List<ChatReads.Item> page;
        do {
            page = reads.after(threadId, audience, last.get(), PAGE);
            all.addAll(page);
            if (!page.isEmpty()) {
                last.set(page.get(page.size() - 1).sequence());
            }
        } while (page.size() == PAGE);
        return all;
    }
}
