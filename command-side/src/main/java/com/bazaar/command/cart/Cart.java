package com.bazaar.command.cart;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bazaar.contracts.cart.AddCartItem;
import com.bazaar.contracts.cart.CartCleared;
import com.bazaar.contracts.cart.CartItemAdded;
import com.bazaar.contracts.cart.CartItemQuantityChanged;
import com.bazaar.contracts.cart.CartItemRemoved;
import com.bazaar.contracts.cart.CartLine;
import com.bazaar.contracts.cart.ChangeCartItemQuantity;
import com.bazaar.contracts.cart.ClearCart;
import com.bazaar.contracts.cart.PrepareCheckout;
import com.bazaar.contracts.cart.RemoveBoughtItems;
import com.bazaar.contracts.cart.RemoveCartItem;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A shopper's cart; its id is the shopper's account id. Every change carries the client's request id: a retried
 * request (the app updates optimistically and retries on flaky networks) finds its id already applied and changes
 * nothing. Every handler answers the cart version after the change, which the client sends back as {@code If-Match}.
 * A cart lives as long as its account: Axon snapshots it every {@code bazaar.cart.snapshot-every} events (Jackson
 * serialises the fields, the remembered request ids included, so a retry is still recognised after a snapshot).
 */
@Aggregate(snapshotTriggerDefinition = "cartSnapshotTrigger")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
// The snapshot's shape: bump it when the fields change, and Axon ignores the older snapshots (docs/OPERATIONS.md).
@Revision("1")
class Cart {

    /** How many recent request ids are remembered; retries come within seconds, not hundreds of changes later. */
    static final int REMEMBERED_REQUESTS = 100;

    @AggregateIdentifier
    private String cartId;

    private final Map<String, Integer> quantities = new LinkedHashMap<>();
    private final LinkedHashSet<String> appliedRequests = new LinkedHashSet<>();

    /** For Axon, which rebuilds the aggregate from its events (and Jackson, for snapshots). */
    Cart() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(AddCartItem command, CartListings listings) {
        cartId = command.cartId();
        if (!appliedRequests.contains(command.requestId())) {
            requireVersion(command.expectedVersion());
            requirePositive(command.quantity());
            CartListings.ForSale listing = listings.forSale(command.listingId(), command.cartId())
                    .orElseThrow(() -> new DomainException(
                            ErrorCode.LISTING_NOT_AVAILABLE, "Listing " + command.listingId() + " is not for sale."));
            if (listing.sellerId().equals(command.cartId())) {
                throw new DomainException(ErrorCode.OWN_LISTING, "You cannot buy your own listing.");
            }
            requireInStock(command.quantity(), listing.stock());
            if (!quantities.containsKey(command.listingId())) {
                apply(new CartItemAdded(cartId, command.requestId(), command.listingId(), command.quantity()));
            } else if (quantities.get(command.listingId()) != command.quantity()) {
                apply(new CartItemQuantityChanged(
                        cartId, command.requestId(), command.listingId(), command.quantity()));
            }
        }
        return version();
    }

    @CommandHandler
    long handle(ChangeCartItemQuantity command, CartListings listings) {
        if (!appliedRequests.contains(command.requestId())) {
            requirePositive(command.quantity());
            requireLine(command.listingId());
            int stock = listings.forSale(command.listingId(), cartId)
                    .map(CartListings.ForSale::stock)
                    .orElse(0);
            requireInStock(command.quantity(), stock);
            if (quantities.get(command.listingId()) != command.quantity()) {
                apply(new CartItemQuantityChanged(
                        cartId, command.requestId(), command.listingId(), command.quantity()));
            }
        }
        return version();
    }

    @CommandHandler
    long handle(RemoveCartItem command) {
        if (!appliedRequests.contains(command.requestId()) && quantities.containsKey(command.listingId())) {
            apply(new CartItemRemoved(cartId, command.requestId(), command.listingId()));
        }
        return version();
    }

    @CommandHandler
    long handle(ClearCart command) {
        if (!appliedRequests.contains(command.requestId()) && !quantities.isEmpty()) {
            apply(new CartCleared(cartId, command.requestId()));
        }
        return version();
    }

    @CommandHandler
    List<CartLine> handle(PrepareCheckout command) {
        if (quantities.isEmpty()) {
            throw new DomainException(ErrorCode.CART_EMPTY, "The cart is empty.");
        }
        return quantities.entrySet().stream()
                .map(line -> new CartLine(line.getKey(), line.getValue()))
                .toList();
    }

    /** After payment the bought listings leave the cart; a repeated notice finds its request id and does nothing. */
    @CommandHandler
    void handle(RemoveBoughtItems command) {
        String requestId = "paid:" + command.orderId();
        if (appliedRequests.contains(requestId)) {
            return;
        }
        command.listingIds().stream()
                .filter(quantities::containsKey)
                .forEach(listingId -> apply(new CartItemRemoved(cartId, requestId, listingId)));
    }

    /** The sequence number of the cart's last event; -1 for a cart that has none yet (as the cart view says). */
    private static long version() {
        Long version = AggregateLifecycle.getVersion();
        return version == null ? -1 : version;
    }

    /**
     * Axon checks {@code @TargetAggregateVersion} when it loads an aggregate, but not on the create-if-missing path
     * that adding takes, so adding checks it here.
     */
    private void requireVersion(Long expectedVersion) {
        long actual = version();
        if (expectedVersion != null && expectedVersion != actual) {
            throw new ConflictingAggregateVersionException(cartId, expectedVersion, actual);
        }
    }

    private static void requirePositive(int quantity) {
        if (quantity < 1) {
            throw new InvalidInputException("quantity", "must be at least 1");
        }
    }

    private void requireLine(String listingId) {
        if (!quantities.containsKey(listingId)) {
            throw new DomainException(ErrorCode.CART_ITEM_NOT_FOUND, "Listing " + listingId + " is not in the cart.");
        }
    }

    private static void requireInStock(int quantity, int stock) {
        if (quantity > stock) {
            throw new DomainException(
                    ErrorCode.QUANTITY_EXCEEDS_STOCK, "Only " + stock + " available; asked for " + quantity + ".");
        }
    }

    private void remember(String requestId) {
        appliedRequests.add(requestId);
        if (appliedRequests.size() > REMEMBERED_REQUESTS) {
            appliedRequests.remove(appliedRequests.iterator().next());
        }
    }

    @EventSourcingHandler
    void on(CartItemAdded event) {
        cartId = event.cartId();
        quantities.put(event.listingId(), event.quantity());
        remember(event.requestId());
    }

    @EventSourcingHandler
    void on(CartItemQuantityChanged event) {
        quantities.put(event.listingId(), event.quantity());
        remember(event.requestId());
    }

    @EventSourcingHandler
    void on(CartItemRemoved event) {
        quantities.remove(event.listingId());
        remember(event.requestId());
    }

    @EventSourcingHandler
    void on(CartCleared event) {
        quantities.clear();
        remember(event.requestId());
    }
}
