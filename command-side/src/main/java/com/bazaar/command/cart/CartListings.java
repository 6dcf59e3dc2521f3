package com.bazaar.command.cart;

import java.util.Optional;

/** What the cart rules need to know about a listing a shopper wants; empty when it is not for sale. */
@FunctionalInterface
public interface CartListings {

    /** @param sellerId who sells it; @param stock how many are for sale (second-hand items: 1) */
    record ForSale(String sellerId, int stock) {}

    Optional<ForSale> forSale(String listingId, String shopperId);
}
