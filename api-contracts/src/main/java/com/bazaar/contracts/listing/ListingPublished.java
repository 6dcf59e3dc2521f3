package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/**
 * A draft listing was published and is now for sale. The publication time is the event's timestamp.
 * Version 1 of this event.
 */
@Revision("1")
public record ListingPublished(String listingId, String sellerId) implements ListingStatusChange {
    @Override
    public ListingStatus statusAfter() {
        return ListingStatus.PUBLISHED;
    }
}
