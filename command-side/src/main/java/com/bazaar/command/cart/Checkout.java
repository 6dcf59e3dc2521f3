package com.bazaar.command.cart;

import com.bazaar.contracts.cart.CartLine;
import com.bazaar.contracts.cart.PrepareCheckout;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.listing.ReservedListing;
import com.bazaar.contracts.order.CancelFailedCheckout;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.PlaceOrder;
import com.bazaar.contracts.order.ShippingAddress;
import com.bazaar.platform.messaging.AxonGateways;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns a shopper's cart into one order per seller, all or nothing (docs/ORDERS.md, "Checkout is all or nothing").
 * Every listing is reserved for its order first, so two shoppers can never both buy a one-of-a-kind item; then every
 * order is checked (availability, one currency per seller) before the first is placed. Until an order is placed its
 * reservations are checkout's to release; once placed they belong to the order, and checkout withdraws a placed order
 * only by cancelling it ({@link CancelFailedCheckout}), which releases its listings through the usual cancellation
 * path. A failure that is not a business rule (a concurrency conflict between nodes, a store timeout) is compensated
 * the same way before the error is answered.
 */
@Component
class Checkout {

    private static final Logger log = LoggerFactory.getLogger(Checkout.class);
    /** Compensation is retried a little: a conflict between nodes usually clears on the next attempt. */
    private static final int COMPENSATION_RETRIES = 3;

    /** One order as checkout placed it; it waits for payment until {@code payBy}. */
    record PlacedOrder(
            String id,
            OrderStatus status,
            String sellerId,
            List<OrderLine> lines,
            Money itemsTotal,
            Money shippingTotal,
            Money total,
            Instant payBy) {

        PlacedOrder(String id, String sellerId, List<OrderLine> lines, OrderTotals totals, Instant payBy) {
            this(
                    id,
                    OrderStatus.PENDING_PAYMENT,
                    sellerId,
                    lines,
                    totals.items(),
                    totals.shipping(),
                    totals.total(),
                    payBy);
        }
    }

    private record Reservation(CartLine line, String orderId, Optional<ReservedListing> listing) {}

    /** An order checked and ready to be placed. */
    private record Draft(String orderId, String sellerId, List<OrderLine> lines, OrderTotals totals) {

        List<String> listingIds() {
            return lines.stream().map(OrderLine::listingId).toList();
        }
    }

    private final AxonGateways gateways;
    private final ListingAvailability availability;
    private final Clock clock;
    private final Duration paymentWindow;

    Checkout(
            AxonGateways gateways,
            ListingAvailability availability,
            Clock clock,
            @Value("${bazaar.checkout.payment-window:30m}") Duration paymentWindow) {
        this.gateways = gateways;
        this.availability = availability;
        this.clock = clock;
        this.paymentWindow = paymentWindow;
    }

    Mono<List<PlacedOrder>> checkOut(String buyerId, ShippingAddress address) {
        return gateways.<List<CartLine>>send(new PrepareCheckout(buyerId))
                // A shopper who never added anything has no cart aggregate yet: that is an empty cart too.
                .onErrorMap(
                        AggregateNotFoundException.class,
                        noCart -> new DomainException(ErrorCode.CART_EMPTY, "The cart is empty."))
                .flatMap(lines -> reserveAll(buyerId, lines))
                .flatMap(reservations -> {
                    List<Draft> drafts;
                    try {
                        drafts = drafts(reservations);
                    } catch (DomainException refused) {
                        return releaseAll(reservations).then(Mono.error(refused));
                    }
                    return placeAll(buyerId, address, drafts);
                });
    }

    /**
     * One order id per seller; every line is tried so the answer can name all unavailable lines at once. A failure
     * that is not a refusal stops the checkout: whatever was reserved so far (including the line that failed, whose
     * reservation may have been stored before the error) is released, then the error is answered.
     */
    private Mono<List<Reservation>> reserveAll(String buyerId, List<CartLine> lines) {
        Map<String, String> orderIdBySeller = new LinkedHashMap<>();
        List<Reservation> tried = new ArrayList<>();
        return Flux.fromIterable(lines)
                .concatMap(line -> {
                    Optional<String> seller = availability.sellerOf(line.listingId());
                    if (seller.isEmpty()) {
                        return Mono.just(new Reservation(line, null, Optional.empty()));
                    }
                    String orderId = orderIdBySeller.computeIfAbsent(
                            seller.get(), s -> UUID.randomUUID().toString());
                    tried.add(new Reservation(line, orderId, Optional.empty()));
                    return gateways.<ReservedListing>send(new ReserveListing(line.listingId(), orderId, buyerId))
                            .map(reserved -> new Reservation(line, orderId, Optional.of(reserved)))
                            .onErrorResume(
                                    DomainException.class,
                                    refused -> Mono.just(new Reservation(line, orderId, Optional.empty())));
                })
                .collectList()
                .onErrorResume(failure -> releaseQuietly(tried).then(Mono.error(failure)));
    }

    /** Every order of the checkout, checked before any is placed; refuses the whole checkout naming what is wrong. */
    private static List<Draft> drafts(List<Reservation> reservations) {
        List<CartLine> unavailable = reservations.stream()
                .filter(r -> r.listing().isEmpty())
                .map(Reservation::line)
                .toList();
        if (!unavailable.isEmpty()) {
            throw notAvailable(unavailable);
        }
        Map<String, List<Reservation>> byOrder = new LinkedHashMap<>();
        reservations.forEach(r ->
                byOrder.computeIfAbsent(r.orderId(), id -> new ArrayList<>()).add(r));
        List<Draft> drafts = new ArrayList<>();
        List<String> mixedCurrencies = new ArrayList<>();
        byOrder.forEach((orderId, ofOrder) -> {
            List<OrderLine> lines = ofOrder.stream()
                    .map(r -> {
                        ReservedListing listing = r.listing().orElseThrow();
                        return new OrderLine(
                                listing.listingId(),
                                listing.title(),
                                listing.price(),
                                r.line().quantity(),
                                listing.shippingPrice());
                    })
                    .toList();
            try {
                drafts.add(new Draft(
                        orderId, ofOrder.get(0).listing().orElseThrow().sellerId(), lines, OrderTotals.of(lines)));
            } catch (IllegalArgumentException mixed) {
                lines.forEach(line -> mixedCurrencies.add(line.listingId()));
            }
        });
        if (!mixedCurrencies.isEmpty()) {
            throw new DomainException(
                    ErrorCode.LISTING_NOT_AVAILABLE,
                    "One seller's listings in the cart are priced " + "in different currencies; buy them separately.",
                    Map.of("unavailableListingIds", mixedCurrencies));
        }
        return drafts;
    }

    /**
     * Places the orders one after the other. If one cannot be placed, every order of this checkout is withdrawn:
     * placed ones (and the failed one, which may have been stored before its error) are cancelled, and only an order
     * that does not exist has its reservations released here.
     */
    private Mono<List<PlacedOrder>> placeAll(String buyerId, ShippingAddress address, List<Draft> drafts) {
        Instant payBy = clock.instant().plus(paymentWindow);
        return Flux.fromIterable(drafts)
                .concatMap(draft -> gateways.send(new PlaceOrder(
                                draft.orderId(), buyerId, draft.sellerId(), draft.lines(), address, payBy))
                        .thenReturn(new PlacedOrder(
                                draft.orderId(), draft.sellerId(), draft.lines(), draft.totals(), payBy)))
                .collectList()
                .onErrorResume(failure -> {
                    log.warn(
                            "Checkout of buyer {} failed while placing its orders; withdrawing all {} of them",
                            buyerId,
                            drafts.size(),
                            failure);
                    return Flux.fromIterable(drafts).concatMap(this::withdraw).then(Mono.error(failure));
                });
    }

    private Mono<Void> withdraw(Draft draft) {
        return compensate(
                gateways.send(new CancelFailedCheckout(draft.orderId()))
                        .then()
                        .onErrorResume(
                                AggregateNotFoundException.class,
                                notPlaced -> Flux.fromIterable(draft.listingIds())
                                        .concatMap(listingId -> gateways.send(
                                                new ReleaseListingReservation(listingId, draft.orderId())))
                                        .then()),
                "order " + draft.orderId());
    }

    private Mono<Void> releaseAll(List<Reservation> reservations) {
        return Flux.fromIterable(reservations)
                .filter(r -> r.listing().isPresent())
                .concatMap(r ->
                        gateways.send(new ReleaseListingReservation(r.line().listingId(), r.orderId())))
                .then();
    }

    /** Releasing a reservation that is not held for the order changes nothing, so every tried line is released. */
    private Mono<Void> releaseQuietly(List<Reservation> tried) {
        return Flux.fromIterable(List.copyOf(tried))
                .concatMap(r -> compensate(
                        gateways.send(new ReleaseListingReservation(r.line().listingId(), r.orderId()))
                                .then(),
                        "reservation of listing " + r.line().listingId()))
                .then();
    }

    /**
     * A compensation that still fails is logged and given up, so the buyer gets the original error: a withdrawn order
     * that could not be cancelled expires at its payment deadline; a reservation that could not be released stays
     * until support releases it (the log line names it).
     */
    private static Mono<Void> compensate(Mono<Void> step, String what) {
        return step.retry(COMPENSATION_RETRIES).onErrorResume(failure -> {
            log.error("Checkout could not undo the {}; it needs a person", what, failure);
            return Mono.empty();
        });
    }

    private static DomainException notAvailable(List<CartLine> lines) {
        List<String> listingIds = lines.stream().map(CartLine::listingId).toList();
        return new DomainException(
                ErrorCode.LISTING_NOT_AVAILABLE,
                "Some items are no longer available; remove them and check out again.",
                Map.of("unavailableListingIds", listingIds));
    }
}
