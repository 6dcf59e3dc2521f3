package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/** The order that held the listing will not be paid; the listing is published again. Revision 1. */
@Revision("1")
public record ListingReservationReleased(String listingId, String sellerId, String orderId)
        implements ListingStatusChange {
    @Override
    public ListingStatus statusAfter() {
        return ListingStatus.PUBLISHED;
    }
}
