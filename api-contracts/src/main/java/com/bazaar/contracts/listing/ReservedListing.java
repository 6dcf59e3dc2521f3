package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Money;

/**
 * The answer to {@link ReserveListing}: the listing as it is at the moment of reservation, which the order snapshots
 * (a later edit of the listing cannot change what the buyer agreed to pay).
 */
public record ReservedListing(String listingId, String sellerId, String title, Money price, Money shippingPrice) {}
