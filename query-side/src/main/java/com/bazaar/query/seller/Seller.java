package com.bazaar.query.seller;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A seller's public face, from identity's events. Account events are not an aggregate's stream (no sequence number)
 * and may arrive out of order across segments, so the display name carries the timestamp of the event that set it
 * ({@code nameSetAt}) and only a newer event replaces it.
 */
@Document("#{@readModelCollections.name('sellers')}")
record Seller(@Id String id, String displayName, Instant nameSetAt, Instant memberSince) {

    static final String COLLECTION = "sellers";
}
