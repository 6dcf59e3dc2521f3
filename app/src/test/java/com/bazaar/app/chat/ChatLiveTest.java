package com.bazaar.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rsocket.exceptions.RejectedSetupException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;

/**
 * Live delivery under {@code bazaar.chat.relay=flagged} (clean messages go through at once): RSocket streams with
 * cursor resumption, idempotent sends, long-poll, inbox and unread counts, notifications, logout, the guard's limits.
 */
class ChatLiveTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static Chats chats;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir, "--bazaar.chat.relay=flagged", "--bazaar.chat.messages-per-minute=30");
        chats = new Chats(bazaar);
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    /** A stream's items as they arrive. */
    private record Received(
            List<JsonNode> items,
            AtomicReference<Throwable> error,
            AtomicReference<Boolean> done,
            Disposable subscription) {

        List<String> texts() {
            return items.stream().map(item -> item.get("text").asText()).toList();
        }

        String lastCursor() {
            return items.get(items.size() - 1).get("cursor").asText();
        }
    }

    private static Received stream(RSocketRequester rsocket, String route, Object data) {
        List<JsonNode> items = new CopyOnWriteArrayList<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicReference<Boolean> done = new AtomicReference<>(false);
        var spec = rsocket.route(route);
        Disposable subscription = (data == null ? spec : spec.data(data))
                .retrieveFlux(JsonNode.class)
                .subscribe(
                        items::add,
                        failure -> {
                            error.set(failure);
                            done.set(true);
                        },
                        () -> done.set(true));
        return new Received(items, error, done, subscription);
    }

    private static Map<String, Object> from(String threadId, String after) {
        Map<String, Object> request = new HashMap<>();
        request.put("threadId", threadId);
        request.put("after", after);
        return request;
    }

    @Test
    void messagesArriveLiveAndAReconnectWithTheLastCursorGetsExactlyWhatWasMissed() {
        RunningBazaar.User seller = bazaar.signUp("Live seller");
        RunningBazaar.User buyer = bazaar.signUp("Live buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Live lamp", 2000));
        chats.awaitReadable(seller, threadId);

        RSocketRequester first = bazaar.rsocket(seller.accessToken());
        Received live = stream(first, "chat.messages", from(threadId, null));
        chats.send(buyer, threadId, "Is it still available?");
        await().atMost(Duration.ofSeconds(10)).until(() -> live.texts().equals(List.of("Is it still available?")));
        String cursor = live.lastCursor();
        first.dispose();

        for (int i = 1; i <= 5; i++) {
            chats.send(buyer, threadId, "missed " + i);
        }
        RSocketRequester second = bazaar.rsocket(seller.accessToken());
        try {
            Received resumed = stream(second, "chat.messages", from(threadId, cursor));
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.items().size() >= 5);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> resumed.items().size() == 5);
            assertThat(resumed.texts()).containsExactly("missed 1", "missed 2", "missed 3", "missed 4", "missed 5");
            assertThat(resumed.items())
                    .allSatisfy(item -> assertThat(item.get("from").asText()).isEqualTo("buyer"));

            // And it stays live after the history part.
            chats.send(buyer, threadId, "after the seam");
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.items().size() == 6);
            assertThat(resumed.texts().get(5)).isEqualTo("after the seam");
        } finally {
            second.dispose();
        }
    }

    @Test
    void theSameClientMessageIdTwiceStoresOneMessageOverHttpAndRSocket() {
        RunningBazaar.User seller = bazaar.signUp("Retry seller");
        RunningBazaar.User buyer = bazaar.signUp("Retry buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Retried rug", 3000));
        JsonNode first = chats.send(buyer, threadId, "client-1", "Hello once");
        JsonNode again = chats.send(buyer, threadId, "client-1", "Hello once");
        assertThat(again.get("id").asText()).isEqualTo(first.get("id").asText());
        assertThat(again.get("cursor").asText()).isEqualTo(first.get("cursor").asText());

        RSocketRequester rsocket = bazaar.rsocket(buyer.accessToken());
        try {
            Map<String, Object> send = Map.of("threadId", threadId, "clientMessageId", "client-2", "text", "Hi twice");
            JsonNode overRSocket = rsocket.route("chat.send")
                    .data(send)
                    .retrieveMono(JsonNode.class)
                    .block(Duration.ofSeconds(20));
            JsonNode repeated = rsocket.route("chat.send")
                    .data(send)
                    .retrieveMono(JsonNode.class)
                    .block(Duration.ofSeconds(20));
            assertThat(repeated.get("id").asText())
                    .isEqualTo(overRSocket.get("id").asText());
        } finally {
            rsocket.dispose();
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .extracting(item -> item.get("text").asText())
                        .containsExactly("Hello once", "Hi twice"));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> chats.history(seller, threadId).size() == 2);
    }

    @Test
    void flaggedMessagesWaitForAnAdminWhileCleanOnesGoThrough() {
        RunningBazaar.User seller = bazaar.signUp("Flag seller");
        RunningBazaar.User buyer = bazaar.signUp("Flag buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Flagged bike", 15000));
        chats.send(buyer, threadId, "Call me on (415) 555-2671 please");
        chats.send(buyer, threadId, "Does it have gears?");

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .extracting(item -> item.get("text").asText())
                        .containsExactly("Does it have gears?"));
        assertThat(chats.history(buyer, threadId))
                .extracting(item -> item.get("status").asText())
                .containsExactlyInAnyOrder("pending", "sent");
    }

    @Test
    void aLongPollAnswersWhenAMessageArrivesAndTimesOutEmptyOtherwise() throws Exception {
        RunningBazaar.User seller = bazaar.signUp("Poll seller");
        RunningBazaar.User buyer = bazaar.signUp("Poll buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Polled mirror", 2200));
        chats.awaitReadable(seller, threadId);

        Instant started = Instant.now();
        JsonNode empty = bazaar.as(seller)
                .get()
                .uri("/api/v1/chat/threads/{id}/messages?wait=2", threadId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(empty.get("items")).isEmpty();
        assertThat(Duration.between(started, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));

        // WebTestClient waits for the answer; the long-poll must be in flight while the message is sent.
        HttpRequest poll = HttpRequest.newBuilder(
                        URI.create(bazaar.baseUrl() + "/api/v1/chat/threads/" + threadId + "/messages?wait=25"))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + seller.accessToken())
                .GET()
                .build();
        CompletableFuture<HttpResponse<String>> waiting =
                HttpClient.newHttpClient().sendAsync(poll, HttpResponse.BodyHandlers.ofString());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !waiting.isDone());
        Instant sent = Instant.now();
        chats.send(buyer, threadId, "Are you there?");
        HttpResponse<String> response =
                await().atMost(Duration.ofSeconds(20)).until(() -> waiting.getNow(null), found -> found != null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode answer = new ObjectMapper().readTree(response.body());
        assertThat(answer.get("items"))
                .extracting(item -> item.get("text").asText())
                .containsExactly("Are you there?");
        assertThat(Duration.between(sent, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(answer.get("nextCursor").asText())
                .isEqualTo(answer.at("/items/0/cursor").asText());
    }

    @Test
    void theInboxCountsUnreadMessagesUntilTheReaderMovesTheMarker() {
        RunningBazaar.User seller = bazaar.signUp("Inbox seller");
        RunningBazaar.User buyer = bazaar.signUp("Inbox buyer");
        String listingId = bazaar.publishedListing(seller, "Inbox clock", 5000);
        String threadId = chats.open(buyer, listingId);
        RSocketRequester rsocket = bazaar.rsocket(seller.accessToken());
        try {
            Received inbox = stream(rsocket, "chat.inbox", null);
            Received notifications = stream(rsocket, "notifications", null);
            chats.send(buyer, threadId, "First question");
            chats.send(buyer, threadId, "Second question");

            JsonNode entry = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> inboxEntry(seller, threadId),
                            found -> found != null && found.get("unread").asLong() == 2);
            assertThat(entry.at("/subject/type").asText()).isEqualTo("listing");
            assertThat(entry.at("/subject/id").asText()).isEqualTo(listingId);
            assertThat(entry.get("side").asText()).isEqualTo("seller");
            assertThat(entry.at("/lastMessage/text").asText()).isEqualTo("Second question");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> inbox.items().stream()
                            .anyMatch(live -> live.get("threadId").asText().equals(threadId)
                                    && live.get("unread").asLong() == 2));
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> notifications.items().stream()
                                    .filter(note -> note.get("kind").asText().equals("chat.message")
                                            && threadId.equals(
                                                    note.path("threadId").asText()))
                                    .count()
                            == 2);

            bazaar.as(seller)
                    .post()
                    .uri("/api/v1/chat/threads/{id}/read", threadId)
                    .bodyValue(Map.of("cursor", entry.at("/lastMessage/cursor").asText()))
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            assertThat(inboxEntry(seller, threadId).get("unread").asLong()).isZero();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> inbox.items()
                                    .get(inbox.items().size() - 1)
                                    .get("unread")
                                    .asLong()
                            == 0);
            // The buyer's own messages never count as unread for the buyer.
            assertThat(inboxEntry(buyer, threadId).get("unread").asLong()).isZero();
        } finally {
            rsocket.dispose();
        }
    }

    @Test
    void outsidersAndConnectionsWithoutATokenCannotStreamAThread() {
        RunningBazaar.User seller = bazaar.signUp("Closed seller");
        RunningBazaar.User buyer = bazaar.signUp("Closed buyer");
        RunningBazaar.User outsider = bazaar.signUp("Stream outsider");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Closed box", 800));
        chats.send(buyer, threadId, "Only for the seller");
        chats.awaitReadable(buyer, threadId);

        RSocketRequester rsocket = bazaar.rsocket(outsider.accessToken());
        try {
            assertThatThrownBy(() -> rsocket.route("chat.messages")
                            .data(from(threadId, null))
                            .retrieveFlux(JsonNode.class)
                            .blockFirst(Duration.ofSeconds(20)))
                    .hasMessageContaining("chat-thread-not-found");
        } finally {
            rsocket.dispose();
        }
        RSocketRequester anonymous = bazaar.rsocket(null);
        try {
            assertThatThrownBy(() -> anonymous
                            .route("chat.messages")
                            .data(from(threadId, null))
                            .retrieveFlux(JsonNode.class)
                            .blockFirst(Duration.ofSeconds(20)))
                    .isInstanceOf(RejectedSetupException.class);
        } finally {
            anonymous.dispose();
        }
    }

    @Test
    void loggingOutClosesTheAccountsStreams() {
        RunningBazaar.User seller = bazaar.signUp("Logout seller");
        RunningBazaar.User buyer = bazaar.signUp("Logout buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Logout lamp", 900));
        chats.awaitReadable(buyer, threadId);
        RSocketRequester rsocket = bazaar.rsocket(buyer.accessToken());
        try {
            Received live = stream(rsocket, "chat.messages", from(threadId, null));
            chats.send(buyer, threadId, "before logout");
            await().atMost(Duration.ofSeconds(10)).until(() -> live.items().size() >= 1);
            assertThat(live.done().get()).isFalse();

            bazaar.http()
                    .post()
                    .uri("/api/v1/auth/logout")
                    .bodyValue(Map.of("refreshToken", buyer.refreshToken()))
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();
            await().atMost(Duration.ofSeconds(10)).until(() -> live.done().get());
        } finally {
            rsocket.dispose();
        }
    }

    @Test
    void badInputAndTooManyMessagesAreProblems() {
        RunningBazaar.User seller = bazaar.signUp("Guard seller");
        RunningBazaar.User buyer = bazaar.signUp("Guard buyer");
        String listingId = bazaar.publishedListing(seller, "Guarded pot", 700);
        String threadId = chats.open(buyer, listingId);

        for (String text : List.of("   ", "x".repeat(2001))) {
            bazaar.as(buyer)
                    .post()
                    .uri("/api/v1/chat/threads/{id}/messages", threadId)
                    .bodyValue(Map.of("clientMessageId", "bad-" + text.length(), "text", text))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("text");
        }
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/chat/threads")
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/chat/threads")
                .bodyValue(Map.of("listingId", listingId))
                .exchange()
                .expectStatus()
                .isEqualTo(HttpStatus.CONFLICT);
        bazaar.as(buyer)
                .get()
                .uri("/api/v1/chat/threads/{id}/messages?after=not-a-cursor", threadId)
                .exchange()
                .expectStatus()
                .isBadRequest();
        // Opening again finds the same thread.
        assertThat(bazaar.as(buyer)
                        .post()
                        .uri("/api/v1/chat/threads")
                        .bodyValue(Map.of("listingId", listingId))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody()
                        .get("id")
                        .asText())
                .isEqualTo(threadId);

        // 45 at once against a budget of 30 a minute: the budget refills gradually, so send them together.
        RunningBazaar.User chatty = bazaar.signUp("Chatty buyer");
        String chattyThread = chats.open(chatty, listingId);
        WebClient client = WebClient.builder()
                .baseUrl(bazaar.baseUrl())
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + chatty.accessToken())
                .build();
        List<ResponseEntity<String>> answers = Flux.range(0, 45)
                .flatMap(
                        i -> client.post()
                                .uri("/api/v1/chat/threads/{id}/messages", chattyThread)
                                .bodyValue(Map.of("clientMessageId", "burst-" + i, "text", "message " + i))
                                .exchangeToMono(answer -> answer.toEntity(String.class)),
                        45)
                .collectList()
                .block(Duration.ofSeconds(120));
        List<ResponseEntity<String>> limited = answers.stream()
                .filter(answer -> answer.getStatusCode() == HttpStatus.TOO_MANY_REQUESTS)
                .toList();
        assertThat(limited).isNotEmpty().allSatisfy(answer -> {
            assertThat(answer.getHeaders().getFirst("Retry-After")).isNotBlank();
            assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        });
        assertThat(answers)
                .filteredOn(answer -> answer.getStatusCode() == HttpStatus.CREATED)
                .hasSizeLessThan(45);
    }

    private static JsonNode inboxEntry(RunningBazaar.User user, String threadId) {
        JsonNode inbox = bazaar.as(user)
                .get()
                .uri("/api/v1/chat/threads")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        for (JsonNode entry : inbox.get("items")) {
            if (entry.get("threadId").asText().equals(threadId)) {
                return entry;
            }
        }
        return null;
    }
}
