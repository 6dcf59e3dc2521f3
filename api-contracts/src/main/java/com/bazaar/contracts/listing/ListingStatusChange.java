package com.bazaar.contracts.listing;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * A listing event that moves the listing to another status. Which event leads to which status is written once, on the
 * events themselves, so every read model that tracks a listing's status (the command side's availability, detail,
 * seller, cart and feed) derives it the same way and can handle all of them in one handler.
 */
public interface ListingStatusChange {

    String listingId();

    /** The listing's status once this event is applied. Derived from the event's type, never stored with it. */
    @JsonIgnore
    ListingStatus statusAfter();
}
