package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/** The seller changed a draft or published listing; {@code details} is the complete new state. Revision 1. */
@Revision("1")
public record ListingEdited(String listingId, String sellerId, ListingDetails details) {}
