package com.bazaar.query.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.feed.FeedItem;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.time.Instant;

/**
 * One listing in the feed read model. Drafts are kept (invisible) because {@code ListingPublished} does not repeat
 * the listing's content. {@code lastSequence} is the aggregate sequence number of the last event applied: it makes
 * every handler idempotent, since the token and the read model are not written atomically.
 */
@Document(FeedEntry.COLLECTION)
record FeedEntry(
        @Id String id,
        String title,
        Money price,
        Category category,
        Condition condition,
        String sellerId,
        boolean visible,
        Instant publishedAt,
        long lastSequence) {

    static final String COLLECTION = "feed_items";

    FeedItem toItem() {
        return new FeedItem(id, title, price, category, condition, new FeedItem.Seller(sellerId), publishedAt);
    }
}
