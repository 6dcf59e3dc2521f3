package com.bazaar.query.seller;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Whether a listing of a seller is published right now. A seller's listing count is counted from these at query
 * time rather than kept as a counter: listings of one seller are projected in parallel segments, and a count
 * recomputed by each of them could be overwritten by a stale one.
 */
@Document("#{@readModelCollections.name('seller_listings')}")
record SellerListing(@Id String id, String sellerId, boolean published, long lastSequence) {

    static final String COLLECTION = "seller_listings";
}
