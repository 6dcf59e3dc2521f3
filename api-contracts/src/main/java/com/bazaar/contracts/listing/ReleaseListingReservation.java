package com.bazaar.contracts.listing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a reserved listing back to the feed because {@code orderId} will not be paid (checkout failed, cancelled,
 * expired). Releasing a reservation that is not held by {@code orderId} changes nothing.
 */
public record ReleaseListingReservation(
        @TargetAggregateIdentifier String listingId, String orderId) {}
