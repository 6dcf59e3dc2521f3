package com.bazaar.query.chat;

import com.bazaar.contracts.chat.ChatCursor;
import com.bazaar.contracts.chat.ChatThreadRead;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.http.HttpStatus;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Chat reads over HTTP (history with long-poll, inbox, read markers, the admins' pending list) and the RSocket
 * streams {@code chat.messages}, {@code chat.inbox} and {@code notifications}. docs/CHAT.md.
 */
@RestController
@ReadModel(ChatProjection.PROCESSING_GROUP)
class ChatQueryController {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;
    static final int MAX_WAIT_SECONDS = 30;

    record Page(List<ChatReads.Item> items, String nextCursor) {}

    record Inbox(List<ChatReads.InboxEntry> items) {}

    record PendingList(List<ChatReads.Pending> items) {}

    record ReadMarker(@NotBlank @Size(max = 200) String cursor) {}

    record StreamRequest(String threadId, String after) {}

    private final ChatReads reads;
    private final ChatStreams streams;
    private final EventGateway events;

    ChatQueryController(ChatReads reads, ChatStreams streams, EventGateway events) {
        this.reads = reads;
        this.streams = streams;
        this.events = events;
    }

    @GetMapping("/api/v1/chat/threads/{threadId}/messages")
    Mono<Page> history(
            @PathVariable String threadId,
            @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "" + DEFAULT_LIMIT) @Min(1) @Max(MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_WAIT_SECONDS) int wait) {
        long afterSequence = ChatCursor.decode(after, "after");
        return RequestMetadata.current()
                .flatMap(caller -> streams.access(threadId, caller))
                .flatMap(access -> Blocking.call(() -> reads.after(threadId, access.audience(), afterSequence, limit))
                        .flatMap(items -> items.isEmpty() && wait > 0
                                ? streams.batches(threadId, access.audience(), afterSequence)
                                        .next()
                                        .timeout(Duration.ofSeconds(wait), Mono.just(List.of()))
                                        .map(batch -> batch.size() > limit ? batch.subList(0, limit) : batch)
                                : Mono.just(items)))
                .map(items -> new Page(
                        items,
                        items.isEmpty()
                                ? blankToNull(after)
                                : items.get(items.size() - 1).cursor()));
    }

    @GetMapping("/api/v1/chat/threads")
    Mono<Inbox> inbox() {
        return RequestMetadata.current()
                .flatMap(caller -> Blocking.call(() -> new Inbox(reads.inbox(caller.userId()))));
    }

    @PostMapping("/api/v1/chat/threads/{threadId}/read")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> markRead(@PathVariable String threadId, @Valid @RequestBody ReadMarker marker) {
        long sequence = ChatCursor.decode(marker.cursor(), "cursor");
        return RequestMetadata.current()
                .flatMap(caller -> streams.access(threadId, caller)
                        .flatMap(access -> Blocking.run(() -> {
                            if (reads.markRead(threadId, caller.userId(), sequence)) {
                                // Through the event store to every node's chat-live follower, which wakes inbox
                                // streams.
                                events.publish(GenericEventMessage.asEventMessage(
                                                new ChatThreadRead(threadId, caller.userId(), sequence))
                                        .andMetaData(Map.of(
                                                MetadataKeys.USER_ID,
                                                caller.userId(),
                                                MetadataKeys.REQUEST_ID,
                                                caller.requestId())));
                            }
                        })));
    }

    @GetMapping("/api/v1/admin/chat/pending")
    Mono<PendingList> pending(@RequestParam(defaultValue = "" + MAX_LIMIT) @Min(1) @Max(1000) int limit) {
        return Blocking.call(() -> new PendingList(reads.pending(limit)));
    }

    @MessageMapping("chat.messages")
    Flux<ChatReads.Item> messages(StreamRequest request) {
        if (request == null || request.threadId() == null || request.threadId().isBlank()) {
            return Flux.error(rsocketProblem(new InvalidInputException("threadId", "is required")));
        }
        return Mono.fromSupplier(() -> ChatCursor.decode(request.after(), "after"))
                .flatMapMany(afterSequence -> RequestMetadata.current()
                        .flatMap(caller -> streams.access(request.threadId(), caller))
                        .flatMapMany(access -> streams.batches(request.threadId(), access.audience(), afterSequence)))
                .flatMapIterable(batch -> batch)
                .onErrorMap(ChatQueryController::rsocketProblem);
    }

    @MessageMapping("chat.inbox")
    Flux<ChatReads.InboxEntry> inboxStream() {
        return RequestMetadata.current().flatMapMany(caller -> streams.inbox(caller.userId()));
    }

    @MessageMapping("notifications")
    Flux<ChatSignals.Notification> notifications() {
        return RequestMetadata.current().flatMapMany(caller -> streams.notifications(caller.userId()));
    }

    /** RSocket has no problem+json: the error frame's message starts with the problem slug, e.g. "validation: ...". */
    private static Throwable rsocketProblem(Throwable failure) {
        if (failure instanceof DomainException domain) {
            return new IllegalStateException(domain.code().slug() + ": " + domain.getMessage());
        }
        if (failure instanceof InvalidInputException invalid) {
            return new IllegalArgumentException("validation: " + invalid.field() + " " + invalid.getMessage());
        }
        return failure;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
