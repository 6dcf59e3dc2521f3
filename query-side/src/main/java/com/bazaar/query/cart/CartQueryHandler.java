package com.bazaar.query.cart;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.cart.CartView;
import com.bazaar.contracts.cart.FindCart;
import com.bazaar.contracts.common.Money;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

@Component
class CartQueryHandler {

    private final MongoTemplate mongo;

    CartQueryHandler(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Lines with their listing's current price and status; only available lines count towards the totals. */
    @QueryHandler
    CartView handle(FindCart query) {
        ShopperCart cart = mongo.findById(query.cartId(), ShopperCart.class);
        if (cart == null || cart.lines() == null || cart.lines().isEmpty()) {
            return new CartView(cart == null ? -1 : cart.version(), List.of(), List.of());
        }
        Map<String, CartListing> listings =
                mongo.find(Query.query(where("_id").in(cart.lines().keySet())), CartListing.class).stream()
                        .collect(Collectors.toMap(CartListing::id, Function.identity()));
        List<CartView.Line> lines = new ArrayList<>();
        Map<String, long[]> sums = new LinkedHashMap<>();
        cart.lines().forEach((listingId, quantity) -> {
            CartListing listing = listings.get(listingId);
            if (listing == null) {
                // Not projected yet (the listing events trail the cart event): show it as unavailable for now.
                lines.add(new CartView.Line(listingId, null, null, null, quantity, null, false, null, null));
                return;
            }
            boolean available = listing.status().isForSale();
            lines.add(new CartView.Line(
                    listingId,
                    listing.title(),
                    listing.price(),
                    listing.shippingPrice(),
                    quantity,
                    listing.status(),
                    available,
                    listing.coverPhotoId(),
                    null));
            if (available) {
                long[] sum = sums.computeIfAbsent(listing.price().currency(), currency -> new long[2]);
                sum[0] =
                        Math.addExact(sum[0], Math.multiplyExact(listing.price().amount(), quantity));
                sum[1] = Math.addExact(sum[1], listing.shippingPrice().amount());
            }
        });
        List<CartView.Totals> totals = sums.entrySet().stream()
                .map(sum -> new CartView.Totals(
                        new Money(sum.getValue()[0], sum.getKey()),
                        new Money(sum.getValue()[1], sum.getKey()),
                        new Money(Math.addExact(sum.getValue()[0], sum.getValue()[1]), sum.getKey())))
                .toList();
        return new CartView(cart.version(), lines, totals);
    }
}
