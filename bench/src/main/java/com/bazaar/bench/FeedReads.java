package com.bazaar.bench;

import com.bazaar.contracts.listing.Category;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Feed first pages through HTTP (newest, a category, price ascending, a search word) against the query the feed's
 * query handler sends, run directly on the feed's read-model collection through the same MongoDB connection: the
 * same filter (visible at "now minus the snapshot lag", not removed), sort (key, then listing id) and page size + 1.
 */
final class FeedReads {

    private static final int PAGE = 20;
    private static final Duration SNAPSHOT_LAG = Duration.ofSeconds(2);

    /** One read through HTTP and the same read straight on the collection. */
    record Pair(ScenarioResult http, ScenarioResult raw) {}

    private final BazaarClient client;
    private final MongoCollection<Document> feed;
    private final ClosedLoopLoad load;

    FeedReads(BazaarClient client, StoreUnderTest under, StoreBenchConfig config) {
        this.client = client;
        this.feed = under.bean(MongoTemplate.class)
                .getCollection(under.bean(ReadModelCollections.class).name("feed_items"));
        // Half the budget to warm up, the other half measured, per read.
        this.load = new ClosedLoopLoad(
                config.concurrency(),
                config.budget().dividedBy(4),
                config.budget().dividedBy(2));
    }

    List<Pair> measure() {
        List<Pair> pairs = new ArrayList<>();
        pairs.add(pair("feed, newest, first page", "", null, Sorts.descending("publishedAt", "listingId")));
        pairs.add(pair(
                "feed, category filter",
                "&category=" + ListingFactory.CATEGORY,
                // Spring Data stores the enum by name.
                Filters.eq("category", Category.CLOTHING.name()),
                Sorts.descending("publishedAt", "listingId")));
        pairs.add(pair("feed, sort=price_asc", "&sort=price_asc", null, Sorts.ascending("priceAmount", "listingId")));
        pairs.add(pair(
                "feed, search q=",
                "&q=" + HistoryGenerator.SEARCH_WORD,
                Filters.all("terms", HistoryGenerator.SEARCH_WORD),
                Sorts.descending("publishedAt", "listingId")));
        return pairs;
    }

    private Pair pair(String name, String query, Bson filter, Bson sort) {
        String path = "/api/v1/feed?limit=" + PAGE + query;
        int httpItems = client.get(path).requireOk(name).body().get("items").size();
        int rawItems = Math.min(PAGE, raw(filter, sort));
        String note = httpItems == rawItems
                ? "page of " + httpItems
                : "page of " + httpItems + " items, raw query " + rawItems + " (differs)";
        ScenarioResult http = load.run(name, () -> () -> client.get(path).status(), note);
        ScenarioResult raw = load.run(
                name + " (raw)",
                () -> () -> {
                    raw(filter, sort);
                    return 200;
                },
                "");
        return new Pair(http, raw);
    }

    private int raw(Bson filter, Bson sort) {
        Date asOf = Date.from(Instant.now().minus(SNAPSHOT_LAG));
        List<Bson> conditions = new ArrayList<>(
                List.of(Filters.eq("removed", false), Filters.gt("validTo", asOf), Filters.lte("validFrom", asOf)));
        if (filter != null) {
            conditions.add(filter);
        }
        return feed.find(Filters.and(conditions))
                .sort(sort)
                .limit(PAGE + 1)
                .into(new ArrayList<>())
                .size();
    }
}
