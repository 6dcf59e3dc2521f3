package com.bazaar.contracts.listing;

/**
 * Asks for one listing's detail as {@code viewerId} may see it: a draft is visible to its seller only.
 * Answers an {@code Optional<ListingView>}.
 */
public record FindListing(String listingId, String viewerId) {}
