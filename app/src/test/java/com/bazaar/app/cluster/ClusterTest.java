package com.bazaar.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.bazaar.app.payments.StripeStandIn;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.order.ExpireOrder;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Two real application nodes on one MongoDB and one S3 server (README, "Several nodes"), each with its own HTTP port,
 * schedulers, event processors and caches, and both with every role: races between the nodes have one winner, and
 * every scheduled job and every webhook takes effect once for the cluster, checked over a window, not at first sight.
 */
class ClusterTest {

    private static final Duration ROTATION = Duration.ofSeconds(5);

    @TempDir
    static Path dataDir;

    private static StripeStandIn stripe;
    private static RunningBazaar nodeA;
    private static RunningBazaar nodeB;
    /** ExpireOrder commands sent by either node, by order id. */
    private static final Map<String, AtomicInteger> expiries = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        stripe = new StripeStandIn();
        String[] settings = {
            "--bazaar.checkout.payment-window=15s",
            "--bazaar.checkout.deadline-check-interval=PT0.5S",
            "--bazaar.payments.stripe-api-base=" + stripe.apiBase(),
            "--bazaar.payments.secret-key=" + StripeStandIn.SECRET_KEY,
            "--bazaar.payments.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET,
            "--bazaar.auth.signing-key-rotation=" + ROTATION.toSeconds() + "s",
            "--bazaar.auth.signing-key-check-interval=PT0.5S"
        };
        nodeA = RunningBazaar.startFirstNode(dataDir.resolve("a"), settings);
        nodeB = nodeA.join(dataDir.resolve("b"), settings);
        MessageDispatchInterceptor<CommandMessage<?>> countExpiries = messages -> (index, message) -> {
            if (message.getPayload() instanceof ExpireOrder expire) {
                expiries.computeIfAbsent(expire.orderId(), id -> new AtomicInteger())
                        .incrementAndGet();
            }
            return message;
        };
        for (RunningBazaar node : List.of(nodeA, nodeB)) {
            node.bean(CommandBus.class).registerDispatchInterceptor(countExpiries);
        }
    }

    @AfterAll
    static void stop() {
        if (nodeB != null) {
            nodeB.close();
        }
        if (nodeA != null) {
            nodeA.close();
        }
        stripe.close();
    }

    private static RunningBazaar node(int i) {
        return i % 2 == 0 ? nodeA : nodeB;
    }

    @Test
    void aListingPublishedThroughOneNodeWithAPhotoUploadedThroughTheOtherIsServedByBoth() {
        User seller = nodeA.signUp("Two-node seller");
        String photoId = nodeB.uploadPhoto(seller);
        assertThat(photoId).isNotBlank();
        String listingId = nodeA.publishedListing(seller, "Lamp sold on node A", 1500);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode detail = nodeB.http()
                    .get()
                    .uri("/api/v1/listings/{id}", listingId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(detail.get("title").asText()).isEqualTo("Lamp sold on node A");
        });
    }

    @Test
    void twentyShoppersOnTwoNodesRaceForOneListingAndExactlyOneWins() throws Exception {
        User seller = nodeA.signUp("Cluster Seller");
        String listingId = nodeA.publishedListing(seller, "Only one of these", 4500);
        List<User> shoppers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            User shopper = node(i).signUp("Cluster Shopper " + i);
            Carts.add(node(i), shopper, listingId);
            shoppers.add(shopper);
        }

        List<EntityExchangeResult<JsonNode>> answers = checkOutAtOnce(shoppers);

        List<EntityExchangeResult<JsonNode>> won = answers.stream()
                .filter(answer -> answer.getStatus().value() == 201)
                .toList();
        assertThat(won).hasSize(1);
        assertThat(answers)
                .filteredOn(answer -> answer.getStatus().value() != 201)
                .hasSize(19)
                .allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(409));
        String winningOrder = won.get(0).getResponseBody().at("/orders/0/id").asText();

        // Still one reservation, for the winner, seconds later (late retries on either node would show up here).
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(history(listingId))
                        .filteredOn(ListingReserved.class::isInstance)
                        .extracting(event -> ((ListingReserved) event).orderId())
                        .containsExactly(winningOrder));
    }

    @Test
    void aPaymentDeadlineFiresOnceForTheClusterEvenWhileAnotherJobIsSlow() throws Exception {
        // A slow job on each node holds one scheduler thread for the whole test: deadlines must not wait for it.
        CountDownLatch slowJobsMayEnd = new CountDownLatch(1);
        for (RunningBazaar node : List.of(nodeA, nodeB)) {
            node.bean(TaskScheduler.class)
                    .schedule(
                            () -> {
                                try {
                                    slowJobsMayEnd.await(2, TimeUnit.MINUTES);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            },
                            Instant.now());
        }
        try {
            User seller = nodeB.signUp("Deadline Seller");
            List<User> buyers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                User buyer = node(i).signUp("Unpaid Buyer " + i);
                Carts.add(node(i), buyer, node(i + 1).publishedListing(seller, "Never paid for " + i, 1000 + i));
                buyers.add(buyer);
            }
            // Six orders due at about the same moment: a run that expires them takes a while, which is when a
            // second node running the same job at the same time would send the same expiries again.
            List<EntityExchangeResult<JsonNode>> placed = checkOutAtOnce(buyers);
            assertThat(placed)
                    .allSatisfy(answer -> assertThat(answer.getStatus().value()).isEqualTo(201));
            List<String> orders = placed.stream()
                    .map(answer -> answer.getResponseBody().at("/orders/0/id").asText())
                    .toList();

            for (int i = 0; i < orders.size(); i++) {
                String orderId = orders.get(i);
                User buyer = buyers.get(i);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "CANCELLED"
                                .equals(node(1).as(buyer)
                                        .get()
                                        .uri("/api/v1/orders/{id}", orderId)
                                        .exchange()
                                        .expectBody(JsonNode.class)
                                        .returnResult()
                                        .getResponseBody()
                                        .path("status")
                                        .asText()));
            }

            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
                for (String orderId : orders) {
                    assertThat(expiries.get(orderId))
                            .as("ExpireOrder sent for %s", orderId)
                            .hasValue(1);
                    assertThat(history(orderId))
                            .filteredOn(OrderCancelled.class::isInstance)
                            .hasSize(1);
                    // The saga may call again when its batch is retried (a race with another command on the order
                    // aborts it), always with the same idempotency key: Stripe cancels once.
                    assertThat(stripe.requestsTo("/v1/payment_intents/pi_" + orderId + "/cancel"))
                            .as("Stripe cancellations of %s", orderId)
                            .isNotEmpty()
                            .extracting(request -> request.getHeader("Idempotency-Key"))
                            .containsOnly("order-" + orderId + "-cancel");
                }
            });
        } finally {
            slowJobsMayEnd.countDown();
        }
    }

    @Test
    void theSameWebhookDeliveredToBothNodesAtOnceIsAppliedOnce() throws Exception {
        User seller = nodeA.signUp("Webhook Seller");
        User buyer = nodeB.signUp("Webhook Buyer");
        String listingId = nodeA.publishedListing(seller, "Paid once", 8900);
        String orderId = Carts.checkOut(nodeB, buyer, listingId);
        String paymentIntentId = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> nodeA.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}/payment", orderId)
                                .exchange()
                                .returnResult(JsonNode.class)
                                .getResponseBody()
                                .blockFirst(),
                        answer -> answer != null && answer.hasNonNull("paymentIntentId"))
                .get("paymentIntentId")
                .asText();
        String payload = StripeStandIn.succeeded(paymentIntentId, orderId);
        String signature = StripeStandIn.signature(payload, StripeStandIn.WEBHOOK_SECRET, Instant.now());

        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> deliveries = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            RunningBazaar node = node(i);
            deliveries.add(() -> {
                go.await();
                return node.http()
                        .post()
                        .uri("/api/v1/webhooks/stripe")
                        .contentType(MediaType.parseMediaType("application/json; charset=utf-8"))
                        .header("Stripe-Signature", signature)
                        .bodyValue(payload)
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
            });
        }
        assertThat(concurrently(deliveries, go)).containsOnly(200);

        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> assertThat(history(listingId))
                        .filteredOn(ListingSold.class::isInstance)
                        .hasSize(1));
        String eventId = new ObjectMapper().readTree(payload).get("id").asText();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertThat(history(orderId)).filteredOn(OrderPaid.class::isInstance).hasSize(1);
            assertThat(history(listingId))
                    .filteredOn(ListingSold.class::isInstance)
                    .hasSize(1);
            // A duplicate that reached the order after it was paid must not look like money for a closed order.
            assertThat(stripe.requestsTo("/v1/refunds"))
                    .noneMatch(request -> request.getBodyAsString().contains(paymentIntentId));
            assertThat(nodeA.bean(MongoTemplate.class)
                            .getCollection("stripe_events")
                            .countDocuments(new Document("_id", eventId)))
                    .isEqualTo(1);
        });
        nodeB.as(buyer)
                .get()
                .uri("/api/v1/orders/{id}", orderId)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void aSigningKeyRotatesOnceForTheClusterAndEitherNodeAcceptsTheOthersTokens() throws Exception {
        User account = nodeA.signUp("Key Rotation Watcher");
        MongoTemplate store = nodeA.bean(MongoTemplate.class);
        Date since = new Date();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger crossChecks = new AtomicInteger();
        List<String> refused = Collections.synchronizedList(new ArrayList<>());
        // Four clients sign in without pause, two through each node, across at least two rotations; every token one
        // node issues is presented to the other at once.
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                RunningBazaar issuer = node(i);
                RunningBazaar verifier = node(i + 1);
                running.add(clients.submit(() -> {
                    while (!stop.get()) {
                        JsonNode tokens = issuer.http()
                                .post()
                                .uri("/api/v1/auth/login")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("email", account.email(), "password", account.password()))
                                .exchange()
                                .expectStatus()
                                .isOk()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody();
                        String accessToken = tokens.get("accessToken").asText();
                        int status = verifier.http()
                                .get()
                                .uri("/api/v1/me")
                                .header("Authorization", "Bearer " + accessToken)
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value();
                        if (status != 200) {
                            refused.add(status + " for a token of " + issuer.baseUrl() + " at " + verifier.baseUrl());
                        }
                        crossChecks.incrementAndGet();
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> keysSince(store, since).size() >= 3);
            stop.set(true);
            for (Future<?> client : running) {
                client.get(30, TimeUnit.SECONDS);
            }
        } finally {
            stop.set(true);
            clients.shutdownNow();
        }

        assertThat(refused).isEmpty();
        assertThat(crossChecks.get()).isPositive();
        // One key per rotation period for the whole cluster: no two keys closer together than the rotation period.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            List<Instant> created = keysSince(store, since);
            for (int i = 1; i < created.size(); i++) {
                assertThat(Duration.between(created.get(i - 1), created.get(i)))
                        // A key's "iat" has whole seconds, so its successor may come up to a second early.
                        .as("keys made at %s", created)
                        .isGreaterThan(ROTATION.minusSeconds(1));
            }
        });
    }

    /** Every shopper checks out at the same moment, shopper i through node i % 2. */
    private static List<EntityExchangeResult<JsonNode>> checkOutAtOnce(List<User> shoppers) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<EntityExchangeResult<JsonNode>>> checkouts = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            RunningBazaar node = node(i);
            User shopper = shoppers.get(i);
            checkouts.add(() -> {
                go.await();
                return node.as(shopper)
                        .post()
                        .uri("/api/v1/checkout")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                        .exchange()
                        .expectBody(JsonNode.class)
                        .returnResult();
            });
        }
        return concurrently(checkouts, go);
    }

    private static List<Instant> keysSince(MongoTemplate store, Date since) {
        return store
                .getCollection("signing_keys")
                .find(new Document("createdAt", new Document("$gte", since)))
                .map(document -> document.getDate("createdAt").toInstant())
                .into(new ArrayList<>())
                .stream()
                .sorted()
                .toList();
    }

    private static <T> List<T> concurrently(List<Callable<T>> tasks, CountDownLatch go) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
        try {
            List<Future<T>> futures = tasks.stream().map(pool::submit).toList();
            go.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<Object> history(String aggregateId) {
        return nodeA.bean(EventStore.class)
                .readEvents(aggregateId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
