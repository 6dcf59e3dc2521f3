package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/** The seller took a published listing out of the feed; it can be published again. Revision 1. */
@Revision("1")
public record ListingUnpublished(String listingId, String sellerId) implements ListingStatusChange {
    @Override
    public ListingStatus statusAfter() {
        return ListingStatus.UNPUBLISHED;
    }
}
