package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/** The listing is held for an order awaiting payment and has left the feed. Revision 1. */
@Revision("1")
public record ListingReserved(String listingId, String sellerId, String orderId) implements ListingStatusChange {
    @Override
    public ListingStatus statusAfter() {
        return ListingStatus.RESERVED;
    }
}
