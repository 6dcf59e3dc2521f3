package com.bazaar.query.cart;

import com.bazaar.contracts.cart.CartView;
import com.bazaar.contracts.cart.FindCart;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.MediaUrls;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The caller's own cart; there is no way to name another shopper's cart. */
@RestController
@ReadModel(CartProjection.PROCESSING_GROUP)
class CartQueryController {

    private final AxonGateways gateways;
    private final MediaUrls mediaUrls;

    CartQueryController(AxonGateways gateways, MediaUrls mediaUrls) {
        this.gateways = gateways;
        this.mediaUrls = mediaUrls;
    }

    @GetMapping("/api/v1/cart")
    Mono<ResponseEntity<CartView>> cart(ServerHttpRequest request) {
        return RequestMetadata.current()
                .flatMap(shopper ->
                        gateways.query(new FindCart(shopper.userId()), ResponseTypes.instanceOf(CartView.class)))
                .map(cart -> cart.withLines(cart.lines().stream()
                        .map(line -> line.coverImageId() == null
                                ? line
                                : line.withCoverImageUrl(mediaUrls.url(request, line.coverImageId())))
                        .toList()))
                .map(cart -> cart.version() < 0
                        ? ResponseEntity.ok(cart)
                        : ResponseEntity.ok()
                                .eTag(Long.toString(cart.version()))
                                .body(cart));
    }
}
