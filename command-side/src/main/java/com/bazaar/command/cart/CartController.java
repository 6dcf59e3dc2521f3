package com.bazaar.command.cart;

import com.bazaar.contracts.cart.AddCartItem;
import com.bazaar.contracts.cart.ChangeCartItemQuantity;
import com.bazaar.contracts.cart.ClearCart;
import com.bazaar.contracts.cart.RemoveCartItem;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The shopper's own cart (always "my cart": its id is the caller's account id) and checkout. Changes take the
 * client's id for the change in {@code Idempotency-Key} (a retry with the same key is applied once) and the version
 * the client last saw in {@code If-Match} (a stale one is 412). Each change answers the new version, also as ETag.
 */
@RestController
@RequestMapping("/api/v1")
class CartController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    record AddItem(
            @NotBlank @Size(max = 64) String listingId,
            @NotNull @Positive @Max(99) Integer quantity) {}

    record ChangeQuantity(@NotNull @Positive @Max(99) Integer quantity) {}

    record CartVersion(long version) {}

    record CheckoutRequest(@NotNull @Valid ShippingAddressInput shippingAddress) {}

    record CheckoutResult(List<Checkout.PlacedOrder> orders) {}

    /**
     * Removing from or clearing a cart that was never filled changes nothing, like removing an absent line; -1 is the
     * version of a cart without events, as the cart view says.
     */
    private static final Mono<ResponseEntity<CartVersion>> NO_CART =
            Mono.fromSupplier(() -> ResponseEntity.ok(new CartVersion(-1)));

    private final AxonGateways gateways;
    private final Checkout checkout;

    CartController(AxonGateways gateways, Checkout checkout) {
        this.gateways = gateways;
        this.checkout = checkout;
    }

    @PostMapping("/cart/items")
    Mono<ResponseEntity<CartVersion>> add(
            @Valid @RequestBody AddItem request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(cartId -> new AddCartItem(
                cartId, expectedVersion(ifMatch), requestId(key), request.listingId(), request.quantity()));
    }

    @PatchMapping("/cart/items/{listingId}")
    Mono<ResponseEntity<CartVersion>> changeQuantity(
            @PathVariable String listingId,
            @Valid @RequestBody ChangeQuantity request,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(cartId -> new ChangeCartItemQuantity(
                        cartId, expectedVersion(ifMatch), requestId(key), listingId, request.quantity()))
                .onErrorMap(
                        AggregateNotFoundException.class,
                        noCart -> new DomainException(
                                ErrorCode.CART_ITEM_NOT_FOUND, "Listing " + listingId + " is not in the cart."));
    }

    @DeleteMapping("/cart/items/{listingId}")
    Mono<ResponseEntity<CartVersion>> remove(
            @PathVariable String listingId,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(cartId -> new RemoveCartItem(cartId, expectedVersion(ifMatch), requestId(key), listingId))
                .onErrorResume(AggregateNotFoundException.class, noCart -> NO_CART);
    }

    @DeleteMapping("/cart/items")
    Mono<ResponseEntity<CartVersion>> clear(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return change(cartId -> new ClearCart(cartId, expectedVersion(ifMatch), requestId(key)))
                .onErrorResume(AggregateNotFoundException.class, noCart -> NO_CART);
    }

    @PostMapping("/checkout")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<CheckoutResult> checkOut(@Valid @RequestBody CheckoutRequest request) {
        return RequestMetadata.current()
                .flatMap(metadata -> checkout.checkOut(
                        metadata.userId(), request.shippingAddress().toAddress()))
                .map(CheckoutResult::new);
    }

    private Mono<ResponseEntity<CartVersion>> change(Function<String, Object> command) {
        return RequestMetadata.current()
                .flatMap(metadata -> gateways.<Long>send(command.apply(metadata.userId())))
                .onErrorMap(
                        ConflictingAggregateVersionException.class,
                        stale -> new DomainException(
                                ErrorCode.STALE_VERSION,
                                "The cart changed since version " + stale.getExpectedVersion() + "; it is at version "
                                        + stale.getActualVersion() + ". Reload it and retry."))
                .map(version -> ResponseEntity.ok().eTag(Long.toString(version)).body(new CartVersion(version)));
    }

    /** Without a key the change is not protected against retries, but still applied. */
    private static String requestId(String idempotencyKey) {
        if (idempotencyKey == null) {
            return UUID.randomUUID().toString();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 128) {
            throw new InvalidInputException(IDEMPOTENCY_KEY, "must be 1 to 128 characters");
        }
        return idempotencyKey;
    }

    /** Accepts {@code 5}, {@code "5"} and {@code W/"5"}. */
    private static Long expectedVersion(String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String bare = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(bare);
        } catch (NumberFormatException notAVersion) {
            throw new InvalidInputException(HttpHeaders.IF_MATCH, "must be a cart version such as \"3\"");
        }
    }
}
