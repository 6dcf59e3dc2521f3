package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/** The listing was bought through {@code orderId} and is gone from sale for good. Revision 1. */
@Revision("1")
public record ListingSold(String listingId, String sellerId, String orderId) implements ListingStatusChange {
    @Override
    public ListingStatus statusAfter() {
        return ListingStatus.SOLD;
    }
}
