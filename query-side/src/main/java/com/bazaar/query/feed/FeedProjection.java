package com.bazaar.query.feed;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** Builds the shoppers' feed from listing events. Idempotent: redelivered events change nothing. */
@Component
@ProcessingGroup(FeedProjection.PROCESSING_GROUP)
class FeedProjection {

    static final String PROCESSING_GROUP = "feed";

    private final MongoTemplate mongo;

    FeedProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence) {
        // setOnInsert: a redelivered creation event finds the entry and leaves it as it is.
        mongo.upsert(query(where("_id").is(event.listingId())),
                new Update()
                        .setOnInsert("title", event.details().title())
                        .setOnInsert("price", event.details().price())
                        .setOnInsert("category", event.details().category())
                        .setOnInsert("condition", event.details().condition())
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("visible", false)
                        .setOnInsert("lastSequence", sequence),
                FeedEntry.class);
    }

    @EventHandler
    void on(ListingPublished event, @SequenceNumber long sequence, @Timestamp Instant publishedAt) {
        // Mongo keeps milliseconds; truncating here keeps cursors and stored values identical.
        applyOnce(event.listingId(), sequence, new Update()
                .set("visible", true)
                .set("publishedAt", publishedAt.truncatedTo(ChronoUnit.MILLIS)));
    }

    private void applyOnce(String listingId, long sequence, Update update) {
        mongo.updateFirst(query(where("_id").is(listingId).and("lastSequence").lt(sequence)),
                update.set("lastSequence", sequence), FeedEntry.class);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new org.springframework.data.mongodb.core.query.Query(), FeedEntry.class);
    }
}
