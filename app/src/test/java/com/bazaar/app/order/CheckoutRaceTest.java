package com.bazaar.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingReserved;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Fifty shoppers check out the same one-of-a-kind listing at the same moment over HTTP: exactly one gets the order,
 * the others a 409 naming the listing, and no failed checkout leaves anything reserved.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckoutRaceTest {

    private static final int SHOPPERS = 50;

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    void start() {
        bazaar = startBazaar(dataDir);
    }

    /** Where the race runs; {@link CheckoutRaceOnPostgresTest} runs it on the PostgreSQL event store. */
    RunningBazaar startBazaar(Path dataDir) {
        return RunningBazaar.start(dataDir);
    }

    @AfterAll
    void stop() {
        bazaar.close();
    }

    @Test
    void fiftyShoppersRaceForTheLastItemAndExactlyOneWins() throws Exception {
        User seller = bazaar.signUp("Vintage Seller");
        String listingId = bazaar.publishedListing(seller, "One-of-a-kind lamp", 4500);
        List<User> shoppers = new ArrayList<>();
        for (int i = 0; i < SHOPPERS; i++) {
            User shopper = bazaar.signUp("Shopper " + i);
            Carts.add(bazaar, shopper, listingId);
            shoppers.add(shopper);
        }

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<EntityExchangeResult<JsonNode>>> checkouts = shoppers.stream()
                .<Callable<EntityExchangeResult<JsonNode>>>map(shopper -> () -> {
                    start.await();
                    return bazaar.as(shopper)
                            .post()
                            .uri("/api/v1/checkout")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                            .exchange()
                            .expectBody(JsonNode.class)
                            .returnResult();
                })
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(SHOPPERS);
        List<EntityExchangeResult<JsonNode>> answers = new ArrayList<>();
        try {
            List<Future<EntityExchangeResult<JsonNode>>> futures =
                    checkouts.stream().map(pool::submit).toList();
            start.countDown();
            for (Future<EntityExchangeResult<JsonNode>> future : futures) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdownNow();
        }

        List<EntityExchangeResult<JsonNode>> won = answers.stream()
                .filter(answer -> answer.getStatus().value() == 201)
                .toList();
        List<EntityExchangeResult<JsonNode>> lost = answers.stream()
                .filter(answer -> answer.getStatus().value() == 409)
                .toList();
        assertThat(won).hasSize(1);
        assertThat(lost).hasSize(SHOPPERS - 1);
        lost.forEach(answer -> assertThat(answer.getResponseBody().path("type").asText())
                .isIn("/problems/listing-not-available", "/problems/concurrent-modification"));
        assertThat(lost)
                .filteredOn(answer ->
                        answer.getResponseBody().path("type").asText().equals("/problems/listing-not-available"))
                .allSatisfy(answer -> assertThat(answer.getResponseBody().path("unavailableListingIds"))
                        .extracting(JsonNode::asText)
                        .containsExactly(listingId));

        JsonNode order = won.get(0).getResponseBody().path("orders").get(0);
        assertThat(order.path("status").asText()).isEqualTo("PENDING_PAYMENT");
        assertThat(order.path("total").path("amount").asLong()).isEqualTo(4500 + 450);

        // One reservation, for the winning order, and no reservation made and released by a failed checkout.
        List<Object> listingHistory = bazaar.bean(EventStore.class)
                .readEvents(listingId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
        assertThat(listingHistory)
                .filteredOn(ListingReserved.class::isInstance)
                .hasSize(1)
                .first()
                .extracting(event -> ((ListingReserved) event).orderId())
                .isEqualTo(order.path("id").asText());
        assertThat(listingHistory).noneMatch(ListingReservationReleased.class::isInstance);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> bazaar.http()
                        .get()
                        .uri("/api/v1/listings/{id}", listingId)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("reserved"));
    }
}
