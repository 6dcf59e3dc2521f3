package com.bazaar.command.chat;

import com.bazaar.command.cart.CartListings;
import com.bazaar.contracts.chat.ChatSide;
import com.bazaar.contracts.chat.OpenChatThread;
import com.bazaar.contracts.chat.RejectChatMessage;
import com.bazaar.contracts.chat.RelayChatMessage;
import com.bazaar.contracts.chat.SendAdminChatMessage;
import com.bazaar.contracts.chat.SendChatMessage;
import com.bazaar.contracts.chat.SentChatMessage;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.ratelimit.RateLimit;
import com.bazaar.platform.ratelimit.RateLimiter;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Chat writes: open a thread, send (HTTP and the RSocket route {@code chat.send}), and the admins' relay, reject and
 * reply. Messages pass the length check and the per-account rate limit here; the guard and the relay policy run in the
 * aggregate. docs/CHAT.md.
 */
@RestController
class ChatCommandController {

    static final int MAX_TEXT = 2_000;

    record OpenRequest(
            @Size(max = 100) String listingId,
            @Size(max = 100) String orderId) {}

    record ThreadId(String id) {}

    record MessageRequest(
            @NotBlank @Size(max = 100) String clientMessageId,
            @NotNull String text) {}

    /** The RSocket form of a send names its thread in the payload. */
    record RSocketMessageRequest(
            @NotBlank String threadId,
            @NotBlank @Size(max = 100) String clientMessageId,
            @NotNull String text) {}

    record RelayRequest(@Size(min = 1, max = MAX_TEXT) String text) {}

    record RejectRequest(@NotBlank @Size(max = 500) String reason) {}

    record AdminMessageRequest(
            @NotNull @Pattern(regexp = "buyer|seller") String to,
            @NotNull String text) {}

    private final AxonGateways gateways;
    private final CartListings listings;
    private final ChatOrders orders;
    private final RateLimiter rateLimiter;
    private final RateLimit messageLimit;

    ChatCommandController(
            AxonGateways gateways,
            CartListings listings,
            ChatOrders orders,
            RateLimiter rateLimiter,
            ChatProperties properties) {
        this.gateways = gateways;
        this.listings = listings;
        this.orders = orders;
        this.rateLimiter = rateLimiter;
        this.messageLimit = new RateLimit("chat-messages", properties.messagesPerMinute(), Duration.ofMinutes(1));
    }

    @PostMapping("/api/v1/chat/threads")
    Mono<ResponseEntity<ThreadId>> open(@Valid @RequestBody OpenRequest request) {
        boolean aboutListing = present(request.listingId());
        if (aboutListing == present(request.orderId())) {
            return Mono.error(new InvalidInputException(
                    aboutListing ? "orderId" : "listingId", "give exactly one of listingId and orderId"));
        }
        return RequestMetadata.current()
                .flatMap(caller -> Blocking.call(() -> aboutListing
                        ? listingThread(request.listingId(), caller.userId())
                        : orderThread(request.orderId(), caller.userId())))
                .flatMap(command -> gateways.<Boolean>send(command)
                        .map(created -> ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
                                .body(new ThreadId(command.threadId()))));
    }

    @PostMapping("/api/v1/chat/threads/{threadId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SentChatMessage> send(@PathVariable String threadId, @Valid @RequestBody MessageRequest request) {
        return send(threadId, request.clientMessageId(), request.text());
    }

    @MessageMapping("chat.send")
    Mono<SentChatMessage> sendOverRSocket(RSocketMessageRequest request) {
        if (!present(request.threadId()) || !present(request.clientMessageId()) || request.text() == null) {
            return Mono.error(new InvalidInputException("threadId", "threadId, clientMessageId and text are required"));
        }
        return send(request.threadId(), request.clientMessageId(), request.text());
    }

    @PostMapping("/api/v1/admin/chat/messages/{messageId}/relay")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> relay(@PathVariable String messageId, @Valid @RequestBody(required = false) RelayRequest request) {
        String edited = request == null || request.text() == null ? null : checkedText(request.text());
        return toMessage(messageId, new RelayChatMessage(threadOf(messageId), messageId, edited));
    }

    @PostMapping("/api/v1/admin/chat/messages/{messageId}/reject")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> reject(@PathVariable String messageId, @Valid @RequestBody RejectRequest request) {
        return toMessage(
                messageId,
                new RejectChatMessage(
                        threadOf(messageId), messageId, request.reason().strip()));
    }

    @PostMapping("/api/v1/admin/chat/threads/{threadId}/messages")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<SentChatMessage> writeAsAdmin(@PathVariable String threadId, @Valid @RequestBody AdminMessageRequest request) {
        ChatSide to = ChatSide.valueOf(request.to().toUpperCase(java.util.Locale.ROOT));
        return Mono.fromSupplier(() -> checkedText(request.text()))
                .flatMap(text -> gateways.<SentChatMessage>send(new SendAdminChatMessage(threadId, to, text)))
                .onErrorMap(AggregateNotFoundException.class, unknown -> threadNotFound(threadId));
    }

    private Mono<SentChatMessage> send(String threadId, String clientMessageId, String text) {
        return Mono.fromSupplier(() -> checkedText(text))
                .flatMap(checked -> RequestMetadata.current()
                        .flatMap(caller -> Blocking.run(() -> rateLimiter.consume(messageLimit, caller.userId())))
                        .then(gateways.<SentChatMessage>send(new SendChatMessage(threadId, clientMessageId, checked))))
                .onErrorMap(AggregateNotFoundException.class, unknown -> threadNotFound(threadId));
    }

    private OpenChatThread listingThread(String listingId, String callerId) {
        CartListings.ForSale listing = listings.forSale(listingId, callerId)
                .orElseThrow(() ->
                        new DomainException(ErrorCode.LISTING_NOT_FOUND, "Listing " + listingId + " is not for sale."));
        if (listing.sellerId().equals(callerId)) {
            throw new DomainException(ErrorCode.OWN_LISTING, "You cannot open a chat about your own listing.");
        }
        return new OpenChatThread(
                threadId("listing", listingId, callerId), "listing", listingId, callerId, listing.sellerId());
    }

    /** Either party of the order may open its thread; the order's buyer is always the buyer side. */
    private OpenChatThread orderThread(String orderId, String callerId) {
        ChatOrders.Parties parties = orders.find(orderId)
                .filter(order -> callerId.equals(order.buyerId()) || callerId.equals(order.sellerId()))
                .orElseThrow(
                        () -> new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist."));
        return new OpenChatThread(
                threadId("order", orderId, parties.buyerId()), "order", orderId, parties.buyerId(), parties.sellerId());
    }

    /** One thread per subject and buyer: opening it again (from any node, concurrently) finds the same aggregate. */
    private static String threadId(String subjectType, String subjectId, String buyerId) {
        return UUID.nameUUIDFromBytes((subjectType + ":" + subjectId + ":" + buyerId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }

    static String checkedText(String text) {
        String stripped = text.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
            throw new InvalidInputException("text", "must be 1 to " + MAX_TEXT + " characters after trimming");
        }
        return stripped;
    }

    /** Message ids are {@code <threadId>.<n>}; anything else names no message. */
    private static String threadOf(String messageId) {
        int dot = messageId.lastIndexOf('.');
        if (dot <= 0) {
            throw messageNotFound(messageId);
        }
        return messageId.substring(0, dot);
    }

    private Mono<Void> toMessage(String messageId, Object command) {
        return gateways.send(command)
                .onErrorMap(AggregateNotFoundException.class, unknown -> messageNotFound(messageId))
                .then();
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static DomainException threadNotFound(String threadId) {
        return new DomainException(ErrorCode.CHAT_THREAD_NOT_FOUND, "Chat thread " + threadId + " does not exist.");
    }

    private static DomainException messageNotFound(String messageId) {
        return new DomainException(
                ErrorCode.CHAT_MESSAGE_NOT_FOUND, "Message " + messageId + " does not exist.", Map.of());
    }
}
