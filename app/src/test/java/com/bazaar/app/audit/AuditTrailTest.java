package com.bazaar.app.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.AdminCliRun;
import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.bazaar.app.payments.StripeStandIn;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The admins' audit trail over real HTTP: filters, paging, state at a moment, recorded reads, roles and masking, and
 * bazaar-admin's audit commands run in-process against the same app.
 */
class AuditTrailTest {

    @TempDir
    static Path dataDir;

    static RunningBazaar bazaar;
    static StripeStandIn stripe;
    static User admin;
    static User seller;

    @BeforeAll
    static void start() {
        stripe = new StripeStandIn();
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.auth.admin-emails=audit-admin@example.com",
                "--bazaar.payments.stripe-api-base=" + stripe.apiBase(),
                "--bazaar.payments.secret-key=" + StripeStandIn.SECRET_KEY,
                "--bazaar.payments.publishable-key=pk_test_51BazaarStandIn",
                "--bazaar.payments.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET);
        admin = bazaar.signUp("Audit Admin", "audit-admin@example.com");
        seller = bazaar.signUp("Audit Seller");
    }

    @AfterAll
    static void stop() {
        if (bazaar != null) {
            bazaar.close();
        }
        if (stripe != null) {
            stripe.close();
        }
    }

    @Test
    void eachFilterAloneAndCombined() {
        String listingId = bazaar.publishedListing(seller, "Audited lamp", 2500);
        User buyer = bazaar.signUp("Audit Buyer");
        String orderId = Carts.checkOut(bazaar, buyer, listingId);

        // aggregateType + aggregateId: the listing's events, in sequence order when ascending.
        List<JsonNode> listing = awaitItems(
                "aggregateType=Listing&aggregateId=" + listingId + "&order=asc&limit=500",
                items -> items.stream()
                        .anyMatch(item -> item.get("eventType").asText().equals("ListingSold")
                                || item.get("eventType").asText().equals("ListingReserved")));
        assertThat(listing.get(0).get("eventType").asText()).isEqualTo("ListingDraftCreated");
        assertThat(listing)
                .extracting(item -> item.get("sequence").asLong())
                .isSorted()
                .doesNotHaveDuplicates()
                .startsWith(0L);
        assertThat(listing).allSatisfy(item -> {
            assertThat(item.get("aggregateType").asText()).isEqualTo("Listing");
            assertThat(item.get("aggregateId").asText()).isEqualTo(listingId);
            assertThat(item.hasNonNull("eventId")).isTrue();
            assertThat(item.hasNonNull("timestamp")).isTrue();
            assertThat(item.has("correlationId")).isTrue();
        });
        assertThat(listing.get(0).get("userId").asText()).isEqualTo(seller.id());
        assertThat(listing.get(0).at("/payload/details/title").asText()).isEqualTo("Audited lamp");

        // aggregateId alone also finds it; aggregateType alone finds other listings too.
        assertThat(items("aggregateId=" + listingId + "&limit=500")).hasSameSizeAs(listing);
        assertThat(items("aggregateType=Listing&limit=500"))
                .hasSizeGreaterThanOrEqualTo(listing.size())
                .allSatisfy(
                        item -> assertThat(item.get("aggregateType").asText()).isEqualTo("Listing"));

        // userId: the buyer's own acts across aggregates (cart, order) and their security entries.
        List<JsonNode> buyers = awaitItems(
                "userId=" + buyer.id() + "&limit=500",
                items -> items.stream()
                        .anyMatch(item -> item.get("eventType").asText().equals("OrderPlaced")));
        assertThat(buyers)
                .allSatisfy(item -> assertThat(item.get("userId").asText()).isEqualTo(buyer.id()));
        assertThat(buyers)
                .extracting(item -> item.path("aggregateType").asText())
                .contains("Cart", "Order", "Account");
        assertThat(buyers).extracting(item -> item.get("eventType").asText()).contains("SignedUp", "OrderPlaced");

        // eventType alone.
        assertThat(items("eventType=OrderPlaced&limit=500"))
                .allSatisfy(item -> assertThat(item.get("eventType").asText()).isEqualTo("OrderPlaced"))
                .anySatisfy(item -> assertThat(item.get("aggregateId").asText()).isEqualTo(orderId));

        // from/to are inclusive bounds on the timestamp: one entry's own timestamp as both finds exactly it.
        JsonNode second = listing.get(1);
        String at = second.get("timestamp").asText();
        assertThat(items("aggregateId=" + listingId + "&from=" + at + "&to=" + at))
                .extracting(item -> item.get("eventId").asText())
                .containsExactly(second.get("eventId").asText());
        assertThat(items("aggregateId=" + listingId + "&order=asc&from=" + at + "&limit=500"))
                .extracting(item -> item.get("eventId").asText())
                .containsExactlyElementsOf(listing.subList(1, listing.size()).stream()
                        .map(item -> item.get("eventId").asText())
                        .toList());
        assertThat(items("aggregateId=" + listingId + "&order=asc&to=" + at + "&limit=500"))
                .extracting(item -> item.get("eventId").asText())
                .containsExactly(
                        listing.get(0).get("eventId").asText(),
                        second.get("eventId").asText());

        // Everything at once: exactly the buyer's order placement.
        List<JsonNode> combined = items("aggregateType=Order&aggregateId=" + orderId + "&userId=" + buyer.id()
                + "&eventType=OrderPlaced&from="
                + listing.get(0).get("timestamp").asText()
                + "&to=" + Instant.now().plusSeconds(60));
        assertThat(combined).singleElement().satisfies(item -> {
            assertThat(item.get("sequence").asLong()).isZero();
            assertThat(item.at("/payload/shippingAddress/city").asText()).isEqualTo("Berlin");
        });
        assertThat(items("aggregateType=Order&aggregateId=" + orderId + "&userId=" + seller.id()))
                .isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutDuplicatesOrGaps() {
        User pager = bazaar.signUp("Audit Pager");
        for (int i = 0; i < 3; i++) {
            bazaar.publishedListing(pager, "Paged chair " + i, 1000 + i);
        }
        String filter = "userId=" + pager.id();
        List<JsonNode> whole = awaitItems(
                filter + "&order=asc&limit=500",
                items -> items.stream()
                                .filter(item -> item.get("eventType").asText().equals("ListingPublished"))
                                .count()
                        == 3);
        assertThat(whole.size()).isGreaterThan(7);
        List<String> expected =
                whole.stream().map(item -> item.get("eventId").asText()).toList();

        for (String order : List.of("asc", "desc")) {
            List<String> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                JsonNode page = page(
                        bazaar.as(admin),
                        filter + "&order=" + order + "&limit=3" + (cursor == null ? "" : "&cursor=" + cursor));
                page.get("items").forEach(item -> paged.add(item.get("eventId").asText()));
                assertThat(page.has("nextCursor")).isTrue();
                cursor = page.get("nextCursor").isNull()
                        ? null
                        : page.get("nextCursor").asText();
                pages++;
            } while (cursor != null);
            List<String> inOrder = new ArrayList<>(expected);
            if (order.equals("desc")) {
                java.util.Collections.reverse(inOrder);
            }
            assertThat(paged).as(order).containsExactlyElementsOf(inOrder);
            assertThat(pages).isEqualTo((expected.size() + 2) / 3);
        }
    }

    @Test
    void anOrdersStateBeforeAndAfterPaymentAndRefund() {
        User buyer = bazaar.signUp("Refunded Buyer");
        String orderId = Carts.checkOut(bazaar, buyer, bazaar.publishedListing(seller, "Refunded boots", 8900));
        String paymentIntentId = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> bazaar.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}/payment", orderId)
                                .exchange()
                                .returnResult(JsonNode.class)
                                .getResponseBody()
                                .blockFirst(),
                        answer -> answer != null && answer.hasNonNull("clientSecret"))
                .get("paymentIntentId")
                .asText();
        deliver(StripeStandIn.succeeded(paymentIntentId, orderId));
        awaitStatus(buyer, orderId, "PAID");
        bazaar.as(admin)
                .post()
                .uri("/api/v1/orders/{id}/refund", orderId)
                .exchange()
                .expectStatus()
                .isAccepted();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !stripe.requestsTo("/v1/refunds").isEmpty());
        deliver(StripeStandIn.chargeRefunded(paymentIntentId, "re_" + orderId));
        awaitStatus(buyer, orderId, "REFUNDED");

        JsonNode history = bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/aggregates/Order/{id}/history", orderId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<JsonNode> events =
                StreamSupport.stream(history.get("events").spliterator(), false).toList();
        assertThat(events)
                .extracting(event -> event.get("sequence").asLong())
                .isSorted()
                .startsWith(0L);
        assertThat(events)
                .extracting(event -> event.get("eventType").asText())
                .startsWith("OrderPlaced")
                .contains("OrderPaid", "OrderRefundRequested")
                .endsWith("OrderRefunded");
        Instant placed = timestampOf(events, "OrderPlaced");
        Instant paid = timestampOf(events, "OrderPaid");
        Instant refunded = timestampOf(events, "OrderRefunded");

        JsonNode atPlacement = state(orderId, placed);
        assertThat(atPlacement.get("version").asLong()).isZero();
        assertThat(atPlacement.at("/state/status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(atPlacement.at("/state/totals/total/amount").asLong()).isEqualTo(8900 + 450);
        assertThat(atPlacement.at("/state/buyerId").asText()).isEqualTo(buyer.id());

        JsonNode atPayment = state(orderId, paid);
        assertThat(atPayment.at("/state/status").asText()).isEqualTo("PAID");
        assertThat(atPayment.at("/state/paymentReference").asText()).isEqualTo(paymentIntentId);

        JsonNode beforeRefund = state(orderId, refunded.minusNanos(1));
        assertThat(beforeRefund.at("/state/status").asText()).isEqualTo("PAID");
        assertThat(beforeRefund.at("/state/refundRequested").asBoolean()).isTrue();
        assertThat(beforeRefund.at("/state/totals/total/amount").asLong()).isEqualTo(9350);

        JsonNode afterRefund = state(orderId, refunded);
        assertThat(afterRefund.at("/state/status").asText()).isEqualTo("REFUNDED");
        assertThat(afterRefund.at("/state/totals/total/amount").asLong()).isEqualTo(9350);
        assertThat(afterRefund.get("version").asLong())
                .isEqualTo(events.get(events.size() - 1).get("sequence").asLong());
        assertThat(afterRefund.get("type").asText()).isEqualTo("Order");
        assertThat(afterRefund.get("id").asText()).isEqualTo(orderId);
        assertThat(afterRefund.get("at").asText()).isEqualTo(refunded.toString());

        // Before the order existed, and an id that never existed: 404 problems.
        problem(
                bazaar.as(admin),
                "/api/v1/admin/aggregates/Order/" + orderId + "/state?at=" + placed.minusMillis(1),
                404);
        problem(bazaar.as(admin), "/api/v1/admin/aggregates/Order/" + UUID.randomUUID() + "/history", 404);
        problem(bazaar.as(admin), "/api/v1/admin/aggregates/Order/" + UUID.randomUUID() + "/state?at=" + refunded, 404);
    }

    /**
     * The audit processor copies a batch of events with one unordered insert: a replay of the whole store meets every
     * copy already there and must skip them (entries never change), not fail the batch again and again.
     */
    @Test
    void aReplayOfTheWholeStoreLeavesEveryCopyAsItWas() {
        String listingId = bazaar.publishedListing(seller, "Replayed radio", 900);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> eventCopies().stream()
                                .filter(copy -> listingId.equals(copy.getString("aggregateId")))
                                .count()
                        >= 2);
        List<org.bson.Document> before = eventCopies();

        StreamingEventProcessor audit = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessor("audit", StreamingEventProcessor.class)
                .orElseThrow();
        audit.shutDown();
        audit.resetTokens();
        audit.start();
        // On MongoDB a replay ends at the first event after the reset point (its tokens carry no position).
        String later = bazaar.publishedListing(seller, "Listed after the reset", 700);

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Map<Integer, EventTrackerStatus> segments = audit.processingStatus();
            return segments.size() == 2
                    && segments.values().stream()
                            .allMatch(segment ->
                                    segment.isCaughtUp() && !segment.isReplaying() && !segment.isErrorState());
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> eventCopies().stream()
                                .filter(copy -> later.equals(copy.getString("aggregateId")))
                                .count()
                        >= 2);
        assertThat(eventCopies().stream()
                        .filter(copy -> !later.equals(copy.getString("aggregateId")))
                        .toList())
                .isEqualTo(before);
    }

    /** The trail's copies of stored events (staff entries have no aggregate sequence), in id order. */
    private static List<org.bson.Document> eventCopies() {
        return bazaar.bean(MongoTemplate.class)
                .getCollection("audit_trail")
                .find(new org.bson.Document("sequence", new org.bson.Document("$ne", null)))
                .sort(new org.bson.Document("_id", 1))
                .into(new ArrayList<>());
    }

    @Test
    void everyReadOfTheAuditIsItselfRecorded() {
        String requestId = UUID.randomUUID().toString();
        bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/audit?eventType=OrderRefunded&limit=7")
                .header("X-Request-Id", requestId)
                .exchange()
                .expectStatus()
                .isOk();
        String historyRequest = UUID.randomUUID().toString();
        String listingId = bazaar.publishedListing(seller, "Looked-at lamp", 1200);
        bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/aggregates/Listing/{id}/history", listingId)
                .header("X-Request-Id", historyRequest)
                .exchange()
                .expectStatus()
                .isOk();

        List<JsonNode> reads =
                items("aggregateType=Audit&eventType=AuditTrailRead&userId=" + admin.id() + "&limit=500");
        assertThat(reads).anySatisfy(read -> {
            assertThat(read.get("correlationId").asText()).isEqualTo(requestId);
            assertThat(read.get("aggregateId").asText()).isEqualTo(admin.id());
            assertThat(read.at("/payload/read").asText()).isEqualTo("list");
            assertThat(read.at("/payload/of/eventType").asText()).isEqualTo("OrderRefunded");
            assertThat(read.at("/payload/of/limit").asInt()).isEqualTo(7);
            assertThat(read.at("/payload/masked").asBoolean()).isFalse();
        });
        assertThat(reads).anySatisfy(read -> {
            assertThat(read.get("correlationId").asText()).isEqualTo(historyRequest);
            assertThat(read.at("/payload/read").asText()).isEqualTo("history");
            assertThat(read.at("/payload/of/id").asText()).isEqualTo(listingId);
        });
    }

    @Test
    void shoppersAreRefusedAndSupportSeesPersonalFieldsMasked() {
        User shopper = bazaar.signUp("Nosy Shopper");
        for (String path : List.of(
                "/api/v1/admin/audit",
                "/api/v1/admin/aggregates/Order/x/history",
                "/api/v1/admin/aggregates/Order/x/state?at=2026-01-01T00:00:00Z")) {
            bazaar.as(shopper)
                    .get()
                    .uri(path)
                    .exchange()
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            bazaar.http().get().uri(path).exchange().expectStatus().isUnauthorized();
        }

        // Personal data of every kind: a name, an address, a chat text, an e-mail in a failed sign-in.
        User buyer = bazaar.signUp("Private Person");
        String listingId = bazaar.publishedListing(seller, "Private lamp", 3100);
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
                            return answer.getStatus().value() == 201
                                    ? answer.getResponseBody().get("id").asText()
                                    : null;
                        },
                        id -> id != null);
        bazaar.as(buyer)
                .post()
                .uri("/api/v1/chat/threads/{id}/messages", threadId)
                .bodyValue(Map.of("clientMessageId", UUID.randomUUID().toString(), "text", "Is it still there?"))
                .exchange()
                .expectStatus()
                .isCreated();
        String orderId = Carts.checkOut(bazaar, buyer, listingId);
        String failedSignIn = UUID.randomUUID().toString();
        bazaar.http()
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .header("X-Request-Id", failedSignIn)
                .bodyValue(Map.of("email", buyer.email(), "password", "not the password"))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        WebTestClient support = bazaar.http()
                .mutate()
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION, "Bearer " + withRole(bazaar.signUp("Audit Support"), "SUPPORT"))
                .build();
        String filter = "userId=" + buyer.id() + "&limit=500";
        List<JsonNode> seenByAdmin = awaitItems(
                filter,
                items -> items.stream()
                        .map(item -> item.get("eventType").asText())
                        .toList()
                        .containsAll(List.of("AccountRegistered", "ChatMessageSubmitted", "OrderPlaced")));
        List<JsonNode> seenBySupport = itemsOf(page(support, filter));

        JsonNode placedForAdmin = only(seenByAdmin, "OrderPlaced");
        assertThat(placedForAdmin.at("/payload/shippingAddress/line1").asText()).isEqualTo("Main St 1");
        JsonNode placedForSupport = only(seenBySupport, "OrderPlaced");
        assertThat(placedForSupport.at("/payload/shippingAddress").asText()).isEqualTo("***");
        assertThat(placedForSupport.get("aggregateId").asText()).isEqualTo(orderId);
        assertThat(placedForSupport.at("/payload/totals/total/amount").asLong()).isEqualTo(3100 + 450);

        assertThat(only(seenByAdmin, "ChatMessageSubmitted").at("/payload/text").asText())
                .isEqualTo("Is it still there?");
        JsonNode chatForSupport = only(seenBySupport, "ChatMessageSubmitted");
        assertThat(chatForSupport.at("/payload/text").asText()).isEqualTo("***");
        assertThat(chatForSupport.at("/payload/redactedText").asText()).isEqualTo("***");
        assertThat(chatForSupport.at("/payload/threadId").asText()).isEqualTo(threadId);

        assertThat(only(seenByAdmin, "AccountRegistered")
                        .at("/payload/displayName")
                        .asText())
                .isEqualTo("Private Person");
        assertThat(only(seenBySupport, "AccountRegistered")
                        .at("/payload/displayName")
                        .asText())
                .isEqualTo("***");

        Predicate<JsonNode> theFailedSignIn =
                item -> item.get("correlationId").asText().equals(failedSignIn);
        JsonNode failedForAdmin = items("aggregateType=Account&eventType=SignInFailed&limit=500").stream()
                .filter(theFailedSignIn)
                .findFirst()
                .orElseThrow();
        assertThat(failedForAdmin.at("/payload/email").asText()).isEqualTo(buyer.email());
        JsonNode failedForSupport =
                itemsOf(page(support, "aggregateType=Account&eventType=SignInFailed&limit=500")).stream()
                        .filter(theFailedSignIn)
                        .findFirst()
                        .orElseThrow();
        assertThat(failedForSupport.at("/payload/email").asText()).isEqualTo("***");
        assertThat(failedForSupport.at("/payload/clientIp").asText()).isEqualTo("***");

        // History and state are masked the same way; the support's reads are recorded as masked.
        JsonNode history = support.get()
                .uri("/api/v1/admin/aggregates/ChatThread/{id}/history", threadId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(history.toString()).doesNotContain("Is it still there?");
        JsonNode state = support.get()
                .uri(
                        "/api/v1/admin/aggregates/ChatThread/{id}/state?at={at}",
                        threadId,
                        Instant.now().toString())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(state.toString()).doesNotContain("Is it still there?");
        assertThat(items("aggregateType=Audit&eventType=AuditTrailRead&limit=500"))
                .anySatisfy(read -> {
                    assertThat(read.at("/payload/read").asText()).isEqualTo("state");
                    assertThat(read.at("/payload/of/id").asText()).isEqualTo(threadId);
                    assertThat(read.at("/payload/masked").asBoolean()).isTrue();
                });
    }

    @Test
    void badFiltersAreProblemsNamingTheFields() {
        assertThat(fields("/api/v1/admin/audit?order=sideways")).containsExactly("order");
        assertThat(fields("/api/v1/admin/audit?from=yesterday")).containsExactly("from");
        assertThat(fields("/api/v1/admin/audit?to=2026-13-01T00:00:00Z")).containsExactly("to");
        assertThat(fields("/api/v1/admin/audit?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z"))
                .containsExactly("to");
        assertThat(fields("/api/v1/admin/audit?limit=0")).containsExactly("limit");
        assertThat(fields("/api/v1/admin/audit?limit=501")).containsExactly("limit");
        assertThat(fields("/api/v1/admin/audit?limit=lots")).containsExactly("limit");
        assertThat(fields("/api/v1/admin/audit?order=up&from=soon&limit=9999"))
                .containsExactlyInAnyOrder("order", "from", "limit");

        String cursor = page(bazaar.as(admin), "aggregateType=Account&limit=1")
                .get("nextCursor")
                .asText();
        assertThat(fields("/api/v1/admin/audit?aggregateType=Account&limit=1&cursor=" + cursor.substring(1)))
                .containsExactly("cursor");
        String tampered = (cursor.charAt(5) == 'A' ? "B" : "A");
        assertThat(fields("/api/v1/admin/audit?aggregateType=Account&limit=1&cursor=" + cursor.substring(0, 5)
                        + tampered + cursor.substring(6)))
                .containsExactly("cursor");
        assertThat(fields("/api/v1/admin/audit?aggregateType=Order&limit=1&cursor=" + cursor))
                .containsExactly("cursor");
        assertThat(fields("/api/v1/admin/audit?aggregateType=Account&order=asc&cursor=" + cursor))
                .containsExactly("cursor");
        page(bazaar.as(admin), "aggregateType=Account&limit=1&cursor=" + cursor);

        assertThat(fields("/api/v1/admin/aggregates/Spaceship/x/history")).containsExactly("type");
        assertThat(fields("/api/v1/admin/aggregates/Order/x/state?at=noon")).containsExactly("at");
        assertThat(fields("/api/v1/admin/aggregates/Spaceship/x/state?at=2026-01-01T00:00:00Z"))
                .containsExactly("type");
    }

    // ---------------------------------------------------------------- bazaar-admin audit

    private static AdminCliRun cli(String token, String... args) {
        return AdminCliRun.of(bazaar, token, args);
    }

    @Test
    void theCommandLineListsPagesShowsHistoryAndStateAtATime() throws Exception {
        String listingId = bazaar.publishedListing(seller, "CLI audited vase", 1900);
        List<JsonNode> events = awaitItems(
                "aggregateId=" + listingId + "&order=asc&limit=500",
                items -> items.stream()
                        .anyMatch(item -> item.get("eventType").asText().equals("ListingPublished")));

        AdminCliRun table = cli(
                admin.accessToken(),
                "audit",
                "list",
                "--aggregate-type",
                "Listing",
                "--aggregate-id",
                listingId,
                "--order",
                "asc");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out().lines().findFirst().orElseThrow())
                .contains("TIME", "TYPE", "ID", "SEQ", "EVENT", "USER");
        assertThat(table.out())
                .contains("ListingDraftCreated", "ListingPublished", seller.id())
                .contains(events.size() + " entries.");

        // --all follows the cursor: pages of one give the same entries in the same order.
        AdminCliRun all = cli(
                admin.accessToken(),
                "audit",
                "list",
                "--aggregate-id",
                listingId,
                "--order",
                "asc",
                "--limit",
                "1",
                "--all",
                "--json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        JsonNode listed = new ObjectMapper().readTree(all.out());
        assertThat(StreamSupport.stream(listed.get("items").spliterator(), false)
                        .map(item -> item.get("eventId").asText())
                        .toList())
                .containsExactlyElementsOf(events.stream()
                        .map(item -> item.get("eventId").asText())
                        .toList());
        AdminCliRun onePage = cli(
                admin.accessToken(), "audit", "list", "--aggregate-id", listingId, "--order", "asc", "--limit", "1");
        assertThat(onePage.out()).contains("More: --cursor ");
        String cursor =
                onePage.out().substring(onePage.out().indexOf("--cursor ") + 9).strip();
        AdminCliRun next = cli(
                admin.accessToken(),
                "audit",
                "list",
                "--aggregate-id",
                listingId,
                "--order",
                "asc",
                "--limit",
                "1",
                "--cursor",
                cursor);
        assertThat(next.out()).contains(events.get(1).get("eventId").asText());

        AdminCliRun history = cli(admin.accessToken(), "audit", "history", "Listing", listingId);
        assertThat(history.exitCode()).as(history.err()).isZero();
        assertThat(history.out()).contains("ListingDraftCreated").contains(events.size() + " events of Listing");

        AdminCliRun state = cli(
                admin.accessToken(),
                "audit",
                "state",
                "Listing",
                listingId,
                "--at",
                events.get(0).get("timestamp").asText());
        assertThat(state.exitCode()).as(state.err()).isZero();
        JsonNode draft = new ObjectMapper().readTree(state.out());
        assertThat(draft.get("version").asLong()).isZero();
        assertThat(draft.toString()).contains("CLI audited vase");

        AdminCliRun bad = cli(admin.accessToken(), "audit", "list", "--order", "sideways", "--from", "soon");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err().strip())
                .startsWith("error: 400")
                .contains("from ")
                .contains("order ")
                .doesNotContain("\n");
        AdminCliRun forbidden = cli(bazaar.signUp("CLI nosy").accessToken(), "audit", "list");
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.err()).startsWith("error: 403");
        AdminCliRun noAt = cli(admin.accessToken(), "audit", "state", "Listing", listingId);
        assertThat(noAt.exitCode()).isEqualTo(2);
        assertThat(noAt.err()).contains("--at");

        for (List<String> command : List.of(
                List.of("audit"), List.of("audit", "list"), List.of("audit", "history"), List.of("audit", "state"))) {
            List<String> args = new ArrayList<>(command);
            args.add("--help");
            AdminCliRun help = cli(null, args.toArray(String[]::new));
            assertThat(help.exitCode()).as(String.join(" ", args)).isZero();
            assertThat(help.out()).startsWith("Usage: bazaar-admin " + String.join(" ", command));
        }
    }

    // ---------------------------------------------------------------- helpers

    static JsonNode page(WebTestClient client, String query) {
        return client.get()
                .uri("/api/v1/admin/audit?" + query)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    static List<JsonNode> items(String query) {
        return itemsOf(page(bazaar.as(admin), query));
    }

    static List<JsonNode> itemsOf(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).toList();
    }

    /** The projection copies events a moment after they are stored. */
    static List<JsonNode> awaitItems(String query, Predicate<List<JsonNode>> complete) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> items(query), complete);
    }

    private static JsonNode only(List<JsonNode> items, String eventType) {
        return items.stream()
                .filter(item -> item.get("eventType").asText().equals(eventType))
                .reduce((a, b) -> {
                    throw new AssertionError("more than one " + eventType);
                })
                .orElseThrow();
    }

    private static Set<String> fields(String path) {
        JsonNode problem = problem(bazaar.as(admin), path, 400);
        assertThat(problem.get("type").asText()).isEqualTo("/problems/validation");
        Set<String> fields = new HashSet<>();
        problem.get("errors").forEach(error -> fields.add(error.get("field").asText()));
        return fields;
    }

    private static JsonNode problem(WebTestClient client, String path, int status) {
        return client.get()
                .uri(path)
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static JsonNode state(String orderId, Instant at) {
        return bazaar.as(admin)
                .get()
                .uri("/api/v1/admin/aggregates/Order/{id}/state?at={at}", orderId, at.toString())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static Instant timestampOf(List<JsonNode> events, String eventType) {
        return Instant.parse(events.stream()
                .filter(event -> event.get("eventType").asText().equals(eventType))
                .findFirst()
                .orElseThrow()
                .get("timestamp")
                .asText());
    }

    /** Gives {@code user} the role and answers an access token that carries it (roles change at a refresh). */
    static String withRole(User user, String role) {
        bazaar.as(admin)
                .put()
                .uri("/api/v1/admin/users/{id}/roles", user.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of(role)))
                .exchange()
                .expectStatus()
                .isOk();
        return bazaar.http()
                .post()
                .uri("/api/v1/auth/refresh")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refreshToken", user.refreshToken()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("accessToken")
                .asText();
    }

    private static void deliver(String payload) {
        bazaar.http()
                .post()
                .uri("/api/v1/webhooks/stripe")
                .contentType(MediaType.parseMediaType("application/json; charset=utf-8"))
                .header(
                        "Stripe-Signature",
                        StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, Instant.now()))
                .bodyValue(payload)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static void awaitStatus(User viewer, String orderId, String status) {
        await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> bazaar.as(viewer)
                                .get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody(),
                        order -> order != null
                                && status.equals(order.path("status").asText()));
    }
}
