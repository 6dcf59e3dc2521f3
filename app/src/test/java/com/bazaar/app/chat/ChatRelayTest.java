package com.bazaar.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/** The control-first launch policy ({@code bazaar.chat.relay=all}): nothing reaches the other side unless an admin relays it. */
class ChatRelayTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static Chats chats;
    private static RunningBazaar.User admin;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.auth.admin-emails=chat-admin@example.com",
                "--bazaar.chat.messages-per-minute=1000",
                // Threads about orders close as soon as the order finishes, so the test need not wait 30 days.
                "--bazaar.chat.order-thread-closes-after=0s");
        chats = new Chats(bazaar);
        admin = bazaar.signUp("Chat admin", "chat-admin@example.com");
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void theSellerSeesNothingUntilAnAdminRelaysTheRedactedText() {
        RunningBazaar.User seller = bazaar.signUp("Relay seller");
        RunningBazaar.User buyer = bazaar.signUp("Relay buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Relayed lamp", 2500));
        String text =
                "Still available? Mail me at jo.doe@example.com or call +1 415 555 2671, see https://example.org/x";
        JsonNode sent = chats.send(buyer, threadId, text);
        String messageId = sent.get("id").asText();

        chats.awaitReadable(buyer, threadId);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<JsonNode> own = chats.history(buyer, threadId);
            assertThat(own).singleElement().satisfies(item -> {
                assertThat(item.get("text").asText()).isEqualTo(text);
                assertThat(item.get("status").asText()).isEqualTo("pending");
                assertThat(item.get("from").asText()).isEqualTo("buyer");
            });
        });
        JsonNode pending = pendingFor(messageId);
        assertThat(pending.get("threadId").asText()).isEqualTo(threadId);
        assertThat(pending.at("/subject/type").asText()).isEqualTo("listing");
        assertThat(pending.at("/message/from").asText()).isEqualTo("buyer");
        assertThat(pending.at("/message/text").asText()).isEqualTo(text);
        assertThat(pending.at("/message/redactedText").asText())
                .isEqualTo("Still available? Mail me at [removed] or call [removed], see [removed]");
        assertThat(pending.at("/message/flags"))
                .extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("EMAIL", "PHONE", "URL");

        // The seller's view holds nothing over a window, not just at one instant.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> chats.history(seller, threadId).isEmpty());

        bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/relay", messageId)
                .exchange()
                .expectStatus()
                .isNoContent();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .singleElement()
                        .satisfies(item -> {
                            assertThat(item.get("text").asText())
                                    .isEqualTo(
                                            "Still available? Mail me at [removed] or call [removed], see [removed]");
                            assertThat(item.get("from").asText()).isEqualTo("buyer");
                            assertThat(item.get("id").asText()).isEqualTo(messageId);
                            assertThat(item.has("status")).isFalse();
                        }));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(buyer, threadId))
                        .singleElement()
                        .satisfies(
                                item -> assertThat(item.get("status").asText()).isEqualTo("sent")));
        // Admins read the thread with originals and what was done.
        assertThat(chats.history(admin, threadId)).singleElement().satisfies(item -> {
            assertThat(item.get("text").asText()).isEqualTo(text);
            assertThat(item.get("status").asText()).isEqualTo("relayed");
            assertThat(item.get("actedBy").asText()).isEqualTo(admin.id());
        });
        // Relayed once: a second relay is a conflict, and it left the pending list.
        bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/relay", messageId)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(pendingIds()).doesNotContain(messageId);
    }

    @Test
    void anEditedRelayDeliversTheAdminsTextAndARejectionTellsTheSenderWhy() {
        RunningBazaar.User seller = bazaar.signUp("Edit seller");
        RunningBazaar.User buyer = bazaar.signUp("Edit buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Edited chair", 4000));
        String edited = chats.send(buyer, threadId, "Can you do 30 instead of 40? text me on 0044 7700 900123")
                .get("id")
                .asText();
        String rejected = chats.send(buyer, threadId, "Pay me outside the app and I give you a discount")
                .get("id")
                .asText();
        pendingFor(rejected);

        bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/relay", edited)
                .bodyValue(Map.of("text", "Can you do 30 instead of 40?"))
                .exchange()
                .expectStatus()
                .isNoContent();
        bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/reject", rejected)
                .bodyValue(Map.of("reason", "Payments outside Bazaar are not allowed."))
                .exchange()
                .expectStatus()
                .isNoContent();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .extracting(item -> item.get("text").asText())
                        .containsExactly("Can you do 30 instead of 40?"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode refused = chats.history(buyer, threadId).stream()
                    .filter(item -> item.get("id").asText().equals(rejected))
                    .findFirst()
                    .orElseThrow();
            assertThat(refused.get("status").asText()).isEqualTo("rejected");
            assertThat(refused.get("reason").asText()).isEqualTo("Payments outside Bazaar are not allowed.");
        });
    }

    @Test
    void anAdminWritesToOneSideOnly() {
        RunningBazaar.User seller = bazaar.signUp("Admin-note seller");
        RunningBazaar.User buyer = bazaar.signUp("Admin-note buyer");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Noted table", 9000));
        chats.awaitReadable(buyer, threadId);
        bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("to", "seller", "text", "Please add the table's dimensions to the listing."))
                .exchange()
                .expectStatus()
                .isCreated();

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(chats.history(seller, threadId))
                        .singleElement()
                        .satisfies(item -> {
                            assertThat(item.get("from").asText()).isEqualTo("admin");
                            assertThat(item.get("text").asText())
                                    .isEqualTo("Please add the table's dimensions to the listing.");
                        }));
        assertThat(chats.history(buyer, threadId)).isEmpty();
    }

    @Test
    void shoppersCannotUseTheAdminRoutesAndOutsidersCannotReadAThread() {
        RunningBazaar.User seller = bazaar.signUp("Private seller");
        RunningBazaar.User buyer = bazaar.signUp("Private buyer");
        RunningBazaar.User outsider = bazaar.signUp("Outsider");
        String threadId = chats.open(buyer, bazaar.publishedListing(seller, "Private vase", 1200));
        String messageId = chats.send(buyer, threadId, "Hello").get("id").asText();
        chats.awaitReadable(buyer, threadId);

        bazaar.as(outsider)
                .get()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .exchange()
                .expectStatus()
                .isNotFound();
        bazaar.as(outsider)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", "x-1", "text", "Let me in"))
                .exchange()
                .expectStatus()
                .isNotFound();
        bazaar.as(seller)
                .get()
                .uri("/api/v1/admin/chat/pending")
                .exchange()
                .expectStatus()
                .isForbidden();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/relay", messageId)
                .exchange()
                .expectStatus()
                .isForbidden();
        assertThat(bazaar.as(outsider)
                        .get()
                        .uri("/api/v1/chat/threads")
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody()
                        .get("items"))
                .isEmpty();
    }

    @Test
    void aThreadAboutAnOrderClosesWhenTheOrderFinishes() {
        RunningBazaar.User seller = bazaar.signUp("Order-chat seller");
        RunningBazaar.User buyer = bazaar.signUp("Order-chat buyer");
        String orderId = Carts.checkOut(bazaar, buyer, bazaar.publishedListing(seller, "Ordered kettle", 1800));
        // The order lookup of the chat trails the order's events by a moment.
        String threadId = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            var answer = bazaar.as(buyer)
                                    .post()
                                    .uri("/api/v1/chat/threads")
                                    .bodyValue(Map.of("orderId", orderId))
                                    .exchange()
                                    .expectBody(JsonNode.class)
                                    .returnResult();
                            return answer.getStatus().value() == 201
                                    ? answer.getResponseBody().get("id").asText()
                                    : null;
                        },
                        id -> id != null);
        // The seller opening the order's thread finds the same one.
        assertThat(bazaar.as(seller)
                        .post()
                        .uri("/api/v1/chat/threads")
                        .bodyValue(Map.of("orderId", orderId))
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(JsonNode.class)
                        .returnResult()
                        .getResponseBody()
                        .get("id")
                        .asText())
                .isEqualTo(threadId);
        chats.send(buyer, threadId, "When will you ship?");

        bazaar.as(buyer)
                .post()
                .uri("/api/v1/orders/{id}/cancel", orderId)
                .exchange()
                .expectStatus()
                .isNoContent();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bazaar.as(buyer)
                                .post()
                                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                                .bodyValue(Map.of(
                                        "clientMessageId",
                                        java.util.UUID.randomUUID().toString(),
                                        "text",
                                        "Hello?"))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 409);
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", "after-close", "text", "Anyone?"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/chat-thread-closed");
        // Closed for new messages, still readable.
        assertThat(chats.history(buyer, threadId))
                .extracting(item -> item.get("text").asText())
                .contains("When will you ship?");
    }

    private static JsonNode pendingFor(String messageId) {
        return await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> pending().stream()
                                .filter(entry ->
                                        entry.at("/message/id").asText().equals(messageId))
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
    }

    private static List<String> pendingIds() {
        return pending().stream().map(entry -> entry.at("/message/id").asText()).toList();
    }

    private static List<JsonNode> pending() {
        JsonNode page = bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/chat/pending")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return java.util.stream.StreamSupport.stream(page.get("items").spliterator(), false)
                .toList();
    }
}
