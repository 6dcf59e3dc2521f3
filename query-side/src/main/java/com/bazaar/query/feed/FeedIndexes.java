package com.bazaar.query.feed;

import com.bazaar.platform.readmodel.ReadModelIndexes;
import jakarta.annotation.PostConstruct;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * The feed's indexes, following the ESR rule (equality, sort, range): {@code removed} and one optional equality
 * filter, then the sort key with the listing id tiebreaker, then the snapshot range ({@code validTo},
 * {@code validFrom}). The remaining filters (condition, size, price range) are checked on the index scan. Every index
 * is listed with the queries it serves in docs/FEED.md. The embedded server ignores secondary indexes; MongoDB uses them.
 */
@Component
class FeedIndexes implements ReadModelIndexes {

    /** An equality filter that leads an index, or null for the unfiltered feed. */
    private static final List<String> LEADING_FILTERS =
            Arrays.asList(null, "category", "sellerId", "brandKey", "terms");

    private final MongoTemplate mongo;

    FeedIndexes(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public String processor() {
        return FeedProjection.PROCESSING_GROUP;
    }

    @PostConstruct
    @Override
    public void ensure() {
        definitions().forEach(index -> mongo.indexOps(FeedVersion.class).ensureIndex(index));
        // The purge job's two deletes.
        mongo.indexOps(FeedVersion.class)
                .ensureIndex(new Index().on("validTo", Sort.Direction.ASC).named("purge_closed"));
        mongo.indexOps(FeedVersion.class)
                .ensureIndex(
                        new Index().on("removedAt", Sort.Direction.ASC).sparse().named("purge_removed"));
    }

    static List<Index> definitions() {
        List<Index> indexes = new ArrayList<>();
        for (String filter : LEADING_FILTERS) {
            indexes.add(index(filter, "publishedAt", Sort.Direction.DESC, "newest"));
            indexes.add(index(filter, "priceAmount", Sort.Direction.ASC, "price"));
        }
        return indexes;
    }

    private static Index index(String filter, String sortKey, Sort.Direction direction, String sortName) {
        Index index = new Index().on("removed", Sort.Direction.ASC);
        if (filter != null) {
            index.on(filter, Sort.Direction.ASC);
        }
        // One direction serves both price orders: MongoDB walks an index backwards for the reverse sort.
        return index.on(sortKey, direction)
                .on("listingId", direction)
                .on("validTo", Sort.Direction.ASC)
                .on("validFrom", Sort.Direction.ASC)
                .named("feed_" + (filter == null ? "all" : filter) + "_" + sortName);
    }
}
