package com.bazaar.command.cart;

import com.bazaar.contracts.cart.CartLine;
import com.bazaar.contracts.cart.PrepareCheckout;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.listing.ReservedListing;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.PlaceOrder;
import com.bazaar.contracts.order.ShippingAddress;
import com.bazaar.platform.messaging.AxonGateways;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns a shopper's cart into one order per seller. Every listing is reserved for its order first, so two shoppers
 * can never both buy a one-of-a-kind item; if any line cannot be reserved the checkout fails as a whole, naming the
 * lines, and every reservation it made is released again.
 */
@Component
class Checkout {

    /** One order as checkout placed it; it waits for payment until {@code payBy}. */
    record PlacedOrder(String id, OrderStatus status, String sellerId, List<OrderLine> lines, Money itemsTotal,
                       Money shippingTotal, Money total, Instant payBy) {

        PlacedOrder(String id, String sellerId, List<OrderLine> lines, OrderTotals totals, Instant payBy) {
            this(id, OrderStatus.PENDING_PAYMENT, sellerId, lines, totals.items(), totals.shipping(), totals.total(),
                    payBy);
        }
    }

    private record Reservation(CartLine line, String orderId, Optional<ReservedListing> listing) {
    }

    private final AxonGateways gateways;
    private final ListingAvailability availability;
    private final Clock clock;
    private final Duration paymentWindow;

    Checkout(AxonGateways gateways, ListingAvailability availability, Clock clock,
             @Value("${bazaar.checkout.payment-window:30m}") Duration paymentWindow) {
        this.gateways = gateways;
        this.availability = availability;
        this.clock = clock;
        this.paymentWindow = paymentWindow;
    }

    Mono<List<PlacedOrder>> checkOut(String buyerId, ShippingAddress address) {
        return gateways.<List<CartLine>>send(new PrepareCheckout(buyerId))
                // A shopper who never added anything has no cart aggregate yet: that is an empty cart too.
                .onErrorMap(AggregateNotFoundException.class,
                        noCart -> new DomainException(ErrorCode.CART_EMPTY, "The cart is empty."))
                .flatMap(lines -> reserveAll(buyerId, lines))
                .flatMap(reservations -> {
                    List<CartLine> unavailable = reservations.stream().filter(r -> r.listing().isEmpty())
                            .map(Reservation::line).toList();
                    if (!unavailable.isEmpty()) {
                        return releaseAll(reservations).then(Mono.error(notAvailable(unavailable)));
                    }
                    return placeOrders(buyerId, address, reservations)
                            .onErrorResume(failure -> releaseAll(reservations).then(Mono.error(failure)));
                });
    }

    /** One order id per seller; every line is tried so the answer can name all unavailable lines at once. */
    private Mono<List<Reservation>> reserveAll(String buyerId, List<CartLine> lines) {
        Map<String, String> orderIdBySeller = new LinkedHashMap<>();
        return Flux.fromIterable(lines)
                .concatMap(line -> {
                    Optional<String> seller = availability.sellerOf(line.listingId());
                    if (seller.isEmpty()) {
                        return Mono.just(new Reservation(line, null, Optional.empty()));
                    }
                    String orderId = orderIdBySeller.computeIfAbsent(seller.get(), s -> UUID.randomUUID().toString());
                    return gateways.<ReservedListing>send(new ReserveListing(line.listingId(), orderId, buyerId))
                            .map(reserved -> new Reservation(line, orderId, Optional.of(reserved)))
                            .onErrorResume(DomainException.class,
                                    refused -> Mono.just(new Reservation(line, orderId, Optional.empty())));
                })
                .collectList();
    }

    private Mono<List<PlacedOrder>> placeOrders(String buyerId, ShippingAddress address,
                                                List<Reservation> reservations) {
        Map<String, List<Reservation>> byOrder = new LinkedHashMap<>();
        reservations.forEach(r -> byOrder.computeIfAbsent(r.orderId(), id -> new ArrayList<>()).add(r));
        Instant payBy = clock.instant().plus(paymentWindow);
        return Flux.fromIterable(byOrder.entrySet())
                .concatMap(order -> {
                    String sellerId = order.getValue().get(0).listing().orElseThrow().sellerId();
                    List<OrderLine> lines = order.getValue().stream().map(r -> {
                        ReservedListing listing = r.listing().orElseThrow();
                        return new OrderLine(listing.listingId(), listing.title(), listing.price(),
                                r.line().quantity(), listing.shippingPrice());
                    }).toList();
                    OrderTotals totals = totalsOrConflict(lines);
                    return gateways.send(new PlaceOrder(order.getKey(), buyerId, sellerId, lines, address, payBy))
                            .thenReturn(new PlacedOrder(order.getKey(), sellerId, lines, totals, payBy));
                })
                .collectList();
    }

    private static OrderTotals totalsOrConflict(List<OrderLine> lines) {
        try {
            return OrderTotals.of(lines);
        } catch (IllegalArgumentException mixedCurrencies) {
            throw new DomainException(ErrorCode.LISTING_NOT_AVAILABLE,
                    "One seller's listings in the cart are priced in different currencies; buy them separately.");
        }
    }

    private Mono<Void> releaseAll(List<Reservation> reservations) {
        return Flux.fromIterable(reservations)
                .filter(r -> r.listing().isPresent())
                .concatMap(r -> gateways.send(new ReleaseListingReservation(r.line().listingId(), r.orderId())))
                .then();
    }

    private static DomainException notAvailable(List<CartLine> lines) {
        List<String> listingIds = lines.stream().map(CartLine::listingId).toList();
        return new DomainException(ErrorCode.LISTING_NOT_AVAILABLE,
                "Some items are no longer available; remove them and check out again.",
                Map.of("unavailableListingIds", listingIds));
    }
}
