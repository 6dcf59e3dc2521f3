package com.bazaar.contracts.seller;

import java.time.Instant;

/**
 * Who sells a listing, as cards, the detail page and the seller profile show it. {@code listingCount} (listings
 * published right now) is only filled where asked for ({@link FindSellerLabels#withListingCount()}); {@code
 * displayName} and {@code memberSince} are null for an account the read model has not heard of yet.
 */
public record SellerLabel(String id, String displayName, Long listingCount, Instant memberSince) {}
