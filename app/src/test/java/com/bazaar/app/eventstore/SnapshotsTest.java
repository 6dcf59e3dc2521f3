package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Snapshots change how an aggregate is loaded, never what it decides: the real app drives the same cart and chat
 * story twice, once snapshotting every 2 events and once never, and every answer (versions, retries recognised,
 * stale-version 412s, held and relayed messages, the read model, checkout) is the same. With the small threshold the
 * snapshots exist and loading reads a snapshot and fewer events.
 */
class SnapshotsTest {

    private static final String ADMIN_EMAIL = "snapshot-admin@example.com";

    @TempDir
    static Path dataDir;

    @Test
    void cartsAndThreadsBehaveTheSameWithAndWithoutSnapshots() {
        Story withSnapshots = run(dataDir.resolve("every-2"), 2, true);
        Story withoutSnapshots = run(dataDir.resolve("never"), 1_000_000, false);
        System.out.println("snapshot story: " + String.join(" | ", withoutSnapshots.observations()));

        assertThat(withSnapshots.observations()).containsExactlyElementsOf(withoutSnapshots.observations());
    }

    /** What one run observed, with generated ids replaced by names so that two runs compare. */
    record Story(List<String> observations) {}

    private static Story run(Path dir, int snapshotEvery, boolean expectSnapshots) {
        try (RunningBazaar bazaar = RunningBazaar.start(
                dir,
                "--bazaar.cart.snapshot-every=" + snapshotEvery,
                "--bazaar.chat.snapshot-every=" + snapshotEvery,
                "--bazaar.chat.relay=flagged",
                "--bazaar.auth.admin-emails=" + ADMIN_EMAIL)) {
            Names names = new Names();
            List<String> seen = new ArrayList<>();
            User seller = bazaar.signUp("Snapshot seller");
            User shopper = bazaar.signUp("Snapshot shopper");
            User admin = bazaar.signUp("Snapshot admin", ADMIN_EMAIL);
            User probe = bazaar.signUp("Availability probe");
            for (String name : List.of("a", "b", "c", "d")) {
                String listingId = bazaar.publishedListing(seller, "Snapshot listing " + name, 1000);
                names.put(listingId, name);
                // The command side learns of a publication a moment later; the story must not depend on that race.
                Carts.add(bazaar, probe, listingId);
            }
            cartStory(bazaar, shopper, names, seen);
            chatStory(bazaar, seller, shopper, admin, names, seen);

            checkSnapshots(bazaar, shopper.id(), expectSnapshots);
            checkSnapshots(bazaar, names.idOf("thread"), expectSnapshots);
            return new Story(seen.stream().map(names::replaceIn).toList());
        }
    }

    private static void cartStory(RunningBazaar bazaar, User shopper, Names names, List<String> seen) {
        String a = names.idOf("a");
        String b = names.idOf("b");
        String c = names.idOf("c");
        String d = names.idOf("d");
        Carts.add(bazaar, shopper, a);
        seen.add("add b: " + add(bazaar, shopper, b, "key-b", null).version());
        seen.add("add c: " + add(bazaar, shopper, c, "key-c", null).version());
        seen.add("retry add b: " + add(bazaar, shopper, b, "key-b", null).version());
        Answer d1 = add(bazaar, shopper, d, "key-d", null);
        seen.add("add d: " + d1.version());
        seen.add("stale add a: " + add(bazaar, shopper, a, "key-a2", "0").status());
        seen.add("remove d: "
                + remove(bazaar, shopper, d, "key-rm-d", d1.version()).version());
        seen.add("stale remove a: "
                + remove(bazaar, shopper, a, "key-rm-a", d1.version()).status());
        // Long after the first add, a retry of it is still recognised: the remembered ids survive the snapshots.
        seen.add("retry add d: " + add(bazaar, shopper, d, "key-d", null).version());
        long version = remove(bazaar, shopper, a, "key-rm-a2", null).version();
        seen.add("remove a: " + version);

        JsonNode cart = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> bazaar.as(shopper)
                                .get()
                                .uri("/api/v1/cart")
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        view -> view.get("version").asLong() == version);
        cart.get("lines")
                .forEach(line -> seen.add("cart line: " + line.get("listingId").asText() + " x "
                        + line.get("quantity").asInt()));

        JsonNode checkout = bazaar.as(shopper)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        checkout.get("orders")
                .forEach(order -> order.get("lines")
                        .forEach(line ->
                                seen.add("checked out: " + line.get("listingId").asText() + " x "
                                        + line.get("quantity").asInt())));
    }

    private static void chatStory(
            RunningBazaar bazaar, User seller, User buyer, User admin, Names names, List<String> seen) {
        String listingId = bazaar.publishedListing(seller, "Snapshot chat lamp", 2500);
        names.put(listingId, "lamp");
        String threadId = await().atMost(Duration.ofSeconds(15))
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
        names.put(threadId, "thread");

        seen.add("buyer 1: " + send(bazaar, buyer, threadId, "c1", "Is it still there?"));
        seen.add("seller 1: " + send(bazaar, seller, threadId, "c1", "Yes it is."));
        String held = send(bazaar, buyer, threadId, "c2", "Mail me at jo.doe@example.com");
        seen.add("buyer 2 (held): " + held);
        seen.add("buyer 3: " + send(bazaar, buyer, threadId, "c3", "Or just answer here."));
        seen.add("retry buyer 1: " + send(bazaar, buyer, threadId, "c1", "Is it still there?"));
        seen.add("relay: " + relay(bazaar, admin, held));
        seen.add("relay again: " + relay(bazaar, admin, held));
        seen.add("retry buyer 2: " + send(bazaar, buyer, threadId, "c2", "Mail me at jo.doe@example.com"));
        seen.add("seller 2: " + send(bazaar, seller, threadId, "c2", "Deal."));

        List<String> sellerView = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> {
                            JsonNode page = bazaar.as(seller)
                                    .get()
                                    .uri("/api/v1/chat/threads/{id}/messages?limit=50", threadId)
                                    .exchange()
                                    .returnResult(JsonNode.class)
                                    .getResponseBody()
                                    .blockFirst();
                            List<String> items = new ArrayList<>();
                            if (page != null && page.has("items")) {
                                page.get("items")
                                        .forEach(
                                                item -> items.add(item.get("id").asText() + " "
                                                        + item.get("from").asText() + ": "
                                                        + item.get("text").asText()));
                            }
                            return items;
                        },
                        items -> items.size() == 5);
        sellerView.forEach(item -> seen.add("seller reads " + item));
    }

    /** A snapshot was stored and loading starts from it, or none was stored and loading reads every event. */
    private static void checkSnapshots(RunningBazaar bazaar, String aggregateId, boolean expected) {
        long stored = bazaar.bean(MongoTemplate.class)
                .getCollection("snapshotevents")
                .countDocuments(new Document("aggregateIdentifier", aggregateId));
        EventStore events = bazaar.bean(EventStore.class);
        long all = events.readEvents(aggregateId, 0).asStream().count();
        DomainEventStream loading = events.readEvents(aggregateId);
        DomainEventMessage<?> first = loading.next();
        long read = 1 + loading.asStream().count();
        if (expected) {
            assertThat(stored).as("snapshots of " + aggregateId).isPositive();
            assertThat(bazaar.bean(MongoTemplate.class)
                            .getCollection("snapshotevents")
                            .find(new Document("aggregateIdentifier", aggregateId))
                            .first()
                            .getString("payloadRevision"))
                    .as("the aggregate's @Revision, which makes Axon ignore snapshots of another shape")
                    .isEqualTo("1");
            assertThat(first.getSequenceNumber())
                    .as("loading starts at a snapshot")
                    .isPositive();
            assertThat(read).as("messages read to load").isLessThan(all);
        } else {
            assertThat(stored).as("snapshots of " + aggregateId).isZero();
            assertThat(read).isEqualTo(all);
        }
    }

    record Answer(int status, long version) {}

    private static Answer add(RunningBazaar bazaar, User shopper, String listingId, String key, String ifMatch) {
        WebTestClient.RequestBodySpec request = bazaar.as(shopper)
                .post()
                .uri("/api/v1/cart/items")
                .contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, "\"" + ifMatch + "\"");
        }
        return answer(
                request.bodyValue(Map.of("listingId", listingId, "quantity", 1)).exchange());
    }

    private static Answer remove(RunningBazaar bazaar, User shopper, String listingId, String key, Long ifMatch) {
        WebTestClient.RequestHeadersSpec<?> request = bazaar.as(shopper)
                .delete()
                .uri("/api/v1/cart/items/{id}", listingId)
                .header("Idempotency-Key", key);
        if (ifMatch != null) {
            request = request.header(HttpHeaders.IF_MATCH, "\"" + ifMatch + "\"");
        }
        return answer(request.exchange());
    }

    private static Answer answer(WebTestClient.ResponseSpec response) {
        var result = response.expectBody(JsonNode.class).returnResult();
        JsonNode body = result.getResponseBody();
        return new Answer(
                result.getStatus().value(),
                body != null && body.has("version") ? body.get("version").asLong() : Long.MIN_VALUE);
    }

    private static String send(RunningBazaar bazaar, User sender, String threadId, String clientId, String text) {
        var result = bazaar.as(sender)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", clientId, "text", text))
                .exchange()
                .expectBody(JsonNode.class)
                .returnResult();
        return result.getStatus().value() + " "
                + result.getResponseBody().path("id").asText();
    }

    private static int relay(RunningBazaar bazaar, User admin, String sent) {
        String messageId = sent.substring(sent.indexOf(' ') + 1);
        return bazaar.as(admin)
                .post()
                .uri("/api/v1/admin/chat/messages/{id}/relay", messageId)
                .exchange()
                .returnResult(String.class)
                .getStatus()
                .value();
    }

    /** Generated ids (listings, thread) and the names the story gives them. */
    private static final class Names {

        private final Map<String, String> byId = new LinkedHashMap<>();

        void put(String id, String name) {
            byId.put(id, name);
        }

        String idOf(String name) {
            return byId.entrySet().stream()
                    .filter(entry -> entry.getValue().equals(name))
                    .findFirst()
                    .map(Map.Entry::getKey)
                    .orElseThrow();
        }

        String replaceIn(String text) {
            String named = text;
            for (Map.Entry<String, String> entry : byId.entrySet()) {
                named = named.replace(entry.getKey(), "<" + entry.getValue() + ">");
            }
            return named;
        }
    }
}
