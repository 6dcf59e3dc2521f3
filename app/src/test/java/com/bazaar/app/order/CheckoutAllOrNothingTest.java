package com.bazaar.app.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.PlaceOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptorSupport;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Checkout is all or nothing (docs/ORDERS.md): a cart of two sellers where the second seller's part cannot become an
 * order, for a business reason or a technical one, leaves no order waiting for payment and no listing reserved or
 * released behind an order's back. Technical failures are injected with a command handler interceptor registered on
 * the running application's command bus, as a store timeout or a conflict between two nodes would surface.
 */
class CheckoutAllOrNothingTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User sellerA;
    private static User sellerB;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir);
        sellerA = bazaar.signUp("Seller A");
        sellerB = bazaar.signUp("Seller B");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void mixedCurrenciesOfTheSecondSellerPlaceNoOrderAndLeaveEveryListingForSale() {
        User buyer = bazaar.signUp("Mixed Currency Buyer");
        String first = bazaar.publishedListing(sellerA, "Euro teapot", 2000);
        String euro = bazaar.publishedListing(sellerB, "Euro cups", 1500);
        String dollar = publishedListing(sellerB, "Dollar saucers", 1200, "USD");
        for (String listingId : List.of(first, euro, dollar)) {
            Carts.add(bazaar, buyer, listingId);
        }

        checkOut(buyer)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/listing-not-available")
                .jsonPath("$.unavailableListingIds.length()")
                .isEqualTo(2);

        // Nothing was placed, not even the first seller's order, and nothing is held: every listing was reserved and
        // released again by checkout itself, before any order existed.
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(orderIds(buyer)).isEmpty());
        for (String listingId : List.of(first, euro, dollar)) {
            assertThat(lastEvent(listingId)).isInstanceOf(ListingReservationReleased.class);
        }
        // So the first seller's listing is for sale once, to someone else.
        Carts.checkOut(bazaar, bazaar.signUp("Next Buyer"), first);
    }

    @Test
    void aReservationFailingForATechnicalReasonReleasesWhatWasReservedBeforeAnswering() {
        User buyer = bazaar.signUp("Unlucky Buyer");
        List<String> cart = cartOfBothSellers(buyer);
        String first = cart.get(0);
        String second = cart.get(1);

        try (Fault ignored = failWhen(
                command -> command.getPayload() instanceof ReserveListing reserve
                        && reserve.listingId().equals(second),
                () -> new ConcurrencyException("raced another node"))) {
            checkOut(buyer)
                    .expectStatus()
                    .isEqualTo(409)
                    .expectBody()
                    .jsonPath("$.type")
                    .isEqualTo("/problems/concurrent-modification");
        }

        assertThat(history(first)).anyMatch(ListingReserved.class::isInstance);
        assertThat(lastEvent(first)).isInstanceOf(ListingReservationReleased.class);
        assertThat(history(second)).noneMatch(ListingReserved.class::isInstance);
        assertThat(orderIds(buyer)).isEmpty();
        // The buyer simply tries again.
        checkOut(buyer)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.orders.length()")
                .isEqualTo(2);
    }

    @Test
    void anOrderFailingToBePlacedWithdrawsTheOrdersAlreadyPlacedByCancellingThem() {
        User buyer = bazaar.signUp("Timed Out Buyer");
        List<String> cart = cartOfBothSellers(buyer);
        String first = cart.get(0);
        String second = cart.get(1);
        List<String> placed = new CopyOnWriteArrayList<>();

        try (Fault ignored = failWhen(
                command -> {
                    if (!(command.getPayload() instanceof PlaceOrder place)) {
                        return false;
                    }
                    placed.add(place.orderId());
                    return place.sellerId().equals(sellerB.id());
                },
                () -> new IllegalStateException("timed out waiting for the event store"))) {
            checkOut(buyer).expectStatus().is5xxServerError();
        }

        // The first seller's order was placed, then cancelled by checkout; its listing went back through the order's
        // own cancellation, never released while the order was waiting for payment.
        assertThat(placed).hasSize(2);
        String firstOrder = placed.get(0);
        assertThat(history(firstOrder)).first().isInstanceOf(OrderPlaced.class);
        assertThat(lastEvent(firstOrder))
                .isInstanceOfSatisfying(
                        OrderCancelled.class,
                        cancelled -> assertThat(cancelled.reason()).isEqualTo(CancellationReason.CHECKOUT_FAILED));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(lastEvent(first))
                        .isInstanceOfSatisfying(
                                ListingReservationReleased.class,
                                released -> assertThat(released.orderId()).isEqualTo(firstOrder)));
        assertThat(history(placed.get(1))).isEmpty();
        assertThat(lastEvent(second)).isInstanceOf(ListingReservationReleased.class);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(orderStatuses(buyer)).containsExactly("CANCELLED"));
        // Both listings can be bought again, exactly once.
        checkOut(buyer)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.orders.length()")
                .isEqualTo(2);
    }

    // ---------------------------------------------------------------- helpers

    /** A fault injected into command handling until closed. */
    private interface Fault extends AutoCloseable {
        @Override
        void close();
    }

    @SuppressWarnings("unchecked")
    private static Fault failWhen(Predicate<CommandMessage<?>> matches, Supplier<RuntimeException> failure) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            if (matches.test(unitOfWork.getMessage())) {
                throw failure.get();
            }
            return chain.proceed();
        };
        Registration registration = ((MessageHandlerInterceptorSupport<CommandMessage<?>>)
                        bazaar.bean(CommandBus.class))
                .registerHandlerInterceptor(interceptor);
        return registration::cancel;
    }

    /** A new listing of seller A, then one of seller B, both in the buyer's cart in that order. */
    private static List<String> cartOfBothSellers(User buyer) {
        List<String> listingIds = List.of(
                bazaar.publishedListing(sellerA, "Oak stool", 6000),
                bazaar.publishedListing(sellerB, "Pine shelf", 4000));
        listingIds.forEach(listingId -> Carts.add(bazaar, buyer, listingId));
        return listingIds;
    }

    private static WebTestClient.ResponseSpec checkOut(User buyer) {
        return bazaar.as(buyer)
                .post()
                .uri("/api/v1/checkout")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("shippingAddress", Carts.ADDRESS))
                .exchange();
    }

    private static String publishedListing(User seller, String title, long price, String currency) {
        String photoId = bazaar.uploadPhoto(seller);
        String id = bazaar.as(seller)
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        title,
                        "description",
                        "Priced in " + currency,
                        "price",
                        Map.of("amount", price, "currency", currency),
                        "shippingPrice",
                        Map.of("amount", 300, "currency", currency),
                        "category",
                        "clothing",
                        "condition",
                        "good",
                        "photoIds",
                        List.of(photoId)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        bazaar.as(seller)
                .post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        return id;
    }

    private static List<String> orderIds(User buyer) {
        return orders(buyer).stream().map(order -> order.get("id").asText()).toList();
    }

    private static List<String> orderStatuses(User buyer) {
        return orders(buyer).stream().map(order -> order.get("status").asText()).toList();
    }

    private static List<JsonNode> orders(User buyer) {
        JsonNode page = bazaar.as(buyer)
                .get()
                .uri("/api/v1/orders")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<JsonNode> items = new ArrayList<>();
        page.get("items").forEach(items::add);
        return items;
    }

    private static Object lastEvent(String aggregateId) {
        List<Object> history = history(aggregateId);
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    private static List<Object> history(String aggregateId) {
        return bazaar.bean(EventStore.class)
                .readEvents(aggregateId)
                .asStream()
                .map(DomainEventMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
