package com.bazaar.app.chat;

import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Chat steps over real HTTP, as the app takes them. */
final class Chats {

    private final RunningBazaar bazaar;

    Chats(RunningBazaar bazaar) {
        this.bazaar = bazaar;
    }

    /**
     * The buyer opens the thread about the listing; answers its id. The command side learns about a listing a moment
     * after it is published (its lookup trails the listing's events), so a listing published just now may still be
     * unknown for a moment.
     */
    String open(RunningBazaar.User buyer, String listingId) {
        return await().atMost(Duration.ofSeconds(15))
                .until(
                        () -> {
                            var answer = bazaar.as(buyer)
                                    .post()
                                    .uri("/api/v1/chat/threads")
                                    .bodyValue(Map.of("listingId", listingId))
                                    .exchange()
                                    .expectBody(JsonNode.class)
                                    .returnResult();
                            return answer.getStatus() == HttpStatus.CREATED
                                    ? answer.getResponseBody().get("id").asText()
                                    : null;
                        },
                        id -> id != null);
    }

    JsonNode send(RunningBazaar.User sender, String threadId, String text) {
        return send(sender, threadId, UUID.randomUUID().toString(), text);
    }

    JsonNode send(RunningBazaar.User sender, String threadId, String clientMessageId, String text) {
        return bazaar.as(sender)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", clientMessageId, "text", text))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    /** Every entry the reader sees, all pages. */
    List<JsonNode> history(RunningBazaar.User reader, String threadId) {
        List<JsonNode> items = new ArrayList<>();
        String after = "";
        while (true) {
            JsonNode page = bazaar.as(reader)
                    .get()
                    .uri("/api/v1/chat/threads/{id}/messages?after={after}&limit=50", threadId, after)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            page.get("items").forEach(items::add);
            if (page.get("items").isEmpty()) {
                return items;
            }
            after = page.get("nextCursor").asText();
        }
    }

    /** The thread exists in the read model (it trails the command by a moment). */
    void awaitReadable(RunningBazaar.User reader, String threadId) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bazaar.as(reader)
                                .get()
                                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                        == HttpStatus.OK);
    }
}
