package com.bazaar.query.feed;

import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FindFeedPage;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.util.List;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Answers feed pages newest first. Keyset paging on (publishedAt, id) instead of offsets: a listing published while
 * a shopper pages sorts before their cursor, so later pages neither repeat nor skip anything.
 */
@Component
class FeedQueryHandler {

    private final MongoTemplate mongo;

    FeedQueryHandler(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @QueryHandler
    FeedPage handle(FindFeedPage request) {
        Criteria criteria = where("visible").is(true);
        if (request.cursor() != null) {
            FeedCursor after = FeedCursor.decode(request.cursor());
            criteria = criteria.orOperator(
                    where("publishedAt").lt(after.publishedAt()),
                    where("publishedAt").is(after.publishedAt()).and("_id").lt(after.id()));
        }
        Query query = Query.query(criteria)
                .with(Sort.by(Sort.Order.desc("publishedAt"), Sort.Order.desc("_id")))
                .limit(request.limit() + 1);
        List<FeedEntry> entries = mongo.find(query, FeedEntry.class);
        boolean more = entries.size() > request.limit();
        List<FeedEntry> page = more ? entries.subList(0, request.limit()) : entries;
        String nextCursor = more
                ? new FeedCursor(page.get(page.size() - 1).publishedAt(), page.get(page.size() - 1).id()).encode()
                : null;
        return new FeedPage(page.stream().map(FeedEntry::toItem).toList(), nextCursor);
    }
}
