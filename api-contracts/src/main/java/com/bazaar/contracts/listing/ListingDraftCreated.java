package com.bazaar.contracts.listing;

import org.axonframework.serialization.Revision;

/**
 * A seller created a listing as a draft. Revision 2: the seller's text and attributes moved into
 * {@link ListingDetails}, which added shipping price, size, brand, colour and photos. Revision 1 (flat title,
 * description, price, category, condition) is upcast on read: no shipping price meant free shipping, no photos.
 */
@Revision("2")
public record ListingDraftCreated(String listingId, String sellerId, ListingDetails details) {}
