package com.bazaar.command.cart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.bazaar.contracts.cart.CartLine;
import com.bazaar.contracts.cart.PrepareCheckout;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.listing.ReservedListing;
import com.bazaar.contracts.order.CancelFailedCheckout;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.PlaceOrder;
import com.bazaar.contracts.order.ShippingAddress;
import com.bazaar.platform.messaging.AxonGateways;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Checkout's own rules, with the listings and orders answered by a command bus that records every command: one order
 * per seller, all or nothing, and what it undoes when a step fails. The same flow over HTTP with real aggregates is in
 * the app's CheckoutAllOrNothingTest; this covers the failures that are hard to provoke there.
 */
class CheckoutTest {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ShippingAddress ADDRESS =
            new ShippingAddress("Ada Buyer", "1 Main St", null, "Berlin", "10115", "DE");

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private MongoClient client;
    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private final Map<String, ReservedListing> listings = new HashMap<>();
    private final Set<String> taken = new HashSet<>();
    private final List<CartLine> cart = new ArrayList<>();
    private RuntimeException placeOrderFailure;
    private String failingOrderSeller;
    private ListingAvailability availability;
    private Checkout checkout;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(server.bindAndGetConnectionString());
        availability = new ListingAvailability(new MongoTemplate(client, "checkout"));
        listing(availability, "a1", "seller-a", new Money(1000, "EUR"));
        listing(availability, "a2", "seller-a", new Money(2500, "EUR"));
        listing(availability, "b1", "seller-b", new Money(700, "EUR"));
        commandBus.setCallbackBehavior((command, metaData) -> answer(command));
        checkout = new Checkout(
                new AxonGateways(
                        DefaultCommandGateway.builder().commandBus(commandBus).build(),
                        DefaultQueryGateway.builder()
                                .queryBus(SimpleQueryBus.builder().build())
                                .build()),
                availability,
                Clock.fixed(NOW, ZoneOffset.UTC),
                Duration.ofMinutes(30));
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void aCartWithTwoSellersBecomesOneOrderPerSellerWithItsOwnLinesAndTotals() {
        inCart("a1", "b1", "a2");

        List<Checkout.PlacedOrder> orders =
                checkout.checkOut("buyer-1", ADDRESS).block();

        assertThat(orders).hasSize(2);
        Checkout.PlacedOrder ofA = orders.get(0);
        Checkout.PlacedOrder ofB = orders.get(1);
        assertThat(ofA.sellerId()).isEqualTo("seller-a");
        assertThat(ofA.lines()).extracting(OrderLine::listingId).containsExactly("a1", "a2");
        assertThat(ofA.itemsTotal()).isEqualTo(new Money(3500, "EUR"));
        assertThat(ofA.total()).isEqualTo(new Money(3500 + 2 * 450, "EUR"));
        assertThat(ofB.sellerId()).isEqualTo("seller-b");
        assertThat(ofB.total()).isEqualTo(new Money(700 + 450, "EUR"));
        assertThat(orders).allSatisfy(order -> assertThat(order.payBy()).isEqualTo(NOW.plus(Duration.ofMinutes(30))));
        // Every listing was reserved for the order of its own seller, and exactly those orders were placed.
        assertThat(sent(ReserveListing.class))
                .containsExactly(
                        new ReserveListing("a1", ofA.id(), "buyer-1"),
                        new ReserveListing("b1", ofB.id(), "buyer-1"),
                        new ReserveListing("a2", ofA.id(), "buyer-1"));
        assertThat(sent(PlaceOrder.class))
                .extracting(PlaceOrder::orderId, PlaceOrder::sellerId, PlaceOrder::buyerId)
                .containsExactly(tuple(ofA.id(), "seller-a", "buyer-1"), tuple(ofB.id(), "seller-b", "buyer-1"));
        assertThat(sent(ReleaseListingReservation.class)).isEmpty();
    }

    @Test
    void anItemThatIsGoneRefusesTheWholeCheckoutNamingItAndReleasesTheOthers() {
        inCart("a1", "b1", "a2");
        taken.add("b1");

        assertThatThrownBy(() -> checkout.checkOut("buyer-1", ADDRESS).block())
                .isInstanceOfSatisfying(DomainException.class, refused -> {
                    assertThat(refused.code()).isEqualTo(ErrorCode.LISTING_NOT_AVAILABLE);
                    assertThat(refused.properties()).containsEntry("unavailableListingIds", List.of("b1"));
                });
        assertThat(sent(PlaceOrder.class)).isEmpty();
        assertThat(sent(ReleaseListingReservation.class))
                .extracting(ReleaseListingReservation::listingId)
                .containsExactly("a1", "a2");
    }

    @Test
    void whenTheSecondOrderCannotBePlacedBothOrdersAreWithdrawn() {
        inCart("a1", "b1");
        failingOrderSeller = "seller-b";
        placeOrderFailure = new IllegalStateException("event store timed out");

        assertThatThrownBy(() -> checkout.checkOut("buyer-1", ADDRESS).block())
                .hasMessageContaining("event store timed out");

        List<String> placed =
                sent(PlaceOrder.class).stream().map(PlaceOrder::orderId).toList();
        assertThat(placed).hasSize(2);
        assertThat(sent(CancelFailedCheckout.class))
                .extracting(CancelFailedCheckout::orderId)
                .containsExactlyElementsOf(placed);
    }

    @Test
    void oneSellersListingsInTwoCurrenciesAreRefusedAndReleased() {
        listing(availability, "a3", "seller-a", new Money(900, "GBP"));
        inCart("a1", "a3");

        assertThatThrownBy(() -> checkout.checkOut("buyer-1", ADDRESS).block())
                .isInstanceOfSatisfying(
                        DomainException.class,
                        refused -> assertThat(refused.properties())
                                .containsEntry("unavailableListingIds", List.of("a1", "a3")));
        assertThat(sent(PlaceOrder.class)).isEmpty();
        assertThat(sent(ReleaseListingReservation.class))
                .extracting(ReleaseListingReservation::listingId)
                .containsExactly("a1", "a3");
    }

    @Test
    void aShopperWithoutACartHasAnEmptyCart() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new AggregateNotFoundException("buyer-1", "no cart");
        });

        assertThatThrownBy(() -> checkout.checkOut("buyer-1", ADDRESS).block())
                .isInstanceOfSatisfying(
                        DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.CART_EMPTY));
    }

    private Object answer(Object command) {
        if (command instanceof PrepareCheckout) {
            return List.copyOf(cart);
        }
        if (command instanceof ReserveListing reserve) {
            if (taken.contains(reserve.listingId())) {
                throw new DomainException(ErrorCode.LISTING_NOT_AVAILABLE, "reserved for someone else");
            }
            return listings.get(reserve.listingId());
        }
        if (command instanceof PlaceOrder place && place.sellerId().equals(failingOrderSeller)) {
            throw placeOrderFailure;
        }
        return null;
    }

    private void listing(ListingAvailability availability, String id, String sellerId, Money price) {
        Money shipping = new Money(450, price.currency());
        availability.on(
                new ListingDraftCreated(
                        id,
                        sellerId,
                        new ListingDetails(
                                id,
                                "",
                                price,
                                shipping,
                                Category.values()[0],
                                Condition.values()[0],
                                null,
                                null,
                                null,
                                List.of())),
                0);
        listings.put(id, new ReservedListing(id, sellerId, id, price, shipping));
    }

    private void inCart(String... listingIds) {
        for (String id : listingIds) {
            cart.add(new CartLine(id, 1));
        }
    }

    private <T> List<T> sent(Class<T> type) {
        return commandBus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }
}
