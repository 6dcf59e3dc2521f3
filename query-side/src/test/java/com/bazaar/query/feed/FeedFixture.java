package com.bazaar.query.feed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedItem;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import com.bazaar.contracts.feed.FindFeedPage;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import com.bazaar.platform.paging.SignedCursors;
import com.bazaar.query.TestMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.springframework.core.ResolvableType;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The feed projection and its query handler on a real Mongo wire-protocol server (in-memory mongo-java-server), with
 * the query bus between the handler and a stand-in for the sellers read model. Events are applied the way a tracking
 * processor applies them: handler by handler, with the aggregate's sequence number and the event's timestamp.
 */
final class FeedFixture implements AutoCloseable {

    static final SignedCursors CURSORS = new SignedCursors("test-secret");
    static final Duration LAG = Duration.ofSeconds(1);

    private final TestMongo server = new TestMongo();
    final MongoTemplate mongo = server.database(FeedReadModel.feedRebuildableReadModel());
    final FeedIndexes indexes = new FeedIndexes(mongo);
    final FeedProjection projection = new FeedProjection(mongo, indexes);
    final QueryGateway queries;
    final Map<String, String> sellerNames = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> sequences = new ConcurrentHashMap<>();
    private final SimpleQueryBus bus = SimpleQueryBus.builder().build();

    FeedFixture(Clock clock) {
        indexes.ensure();
        FeedSettings settings = new FeedSettings(LAG, Duration.ofHours(24), clock);
        new AnnotationQueryHandlerAdapter<>(new FeedQueryHandler(
                        mongo, DefaultQueryGateway.builder().queryBus(bus).build(), settings, CURSORS))
                .subscribe(bus);
        bus.subscribe(
                FindSellerLabels.class.getName(),
                ResolvableType.forClassWithGenerics(List.class, SellerLabel.class)
                        .getType(),
                message -> ((FindSellerLabels) message.getPayload())
                        .sellerIds().stream()
                                .map(id -> new SellerLabel(id, sellerNames.get(id), null, null))
                                .toList());
        queries = DefaultQueryGateway.builder().queryBus(bus).build();
    }

    FeedFixture() {
        this(Clock.systemUTC());
    }

    static ListingDetails details(String title, long price) {
        return new ListingDetails(
                title,
                "",
                new Money(price, "EUR"),
                new Money(0, "EUR"),
                Category.CLOTHING,
                Condition.GOOD,
                null,
                null,
                null,
                List.of("cover-" + title, "second-" + title));
    }

    static ListingDetails details(
            String title,
            String description,
            long price,
            Category category,
            Condition condition,
            String size,
            String brand) {
        return new ListingDetails(
                title,
                description,
                new Money(price, "EUR"),
                new Money(450, "EUR"),
                category,
                condition,
                size,
                brand,
                null,
                List.of("photo-1", "photo-2"));
    }

    String create(String sellerId, ListingDetails details) {
        String id = UUID.randomUUID().toString();
        projection.on(new ListingDraftCreated(id, sellerId, details), next(id));
        return id;
    }

    String publishNew(String sellerId, ListingDetails details, Instant at) {
        String id = create(sellerId, details);
        publish(id, sellerId, at);
        return id;
    }

    void publish(String id, String sellerId, Instant at) {
        projection.on(new ListingPublished(id, sellerId), next(id), at);
    }

    void edit(String id, String sellerId, ListingDetails details, Instant at) {
        projection.on(new ListingEdited(id, sellerId, details), next(id), at);
    }

    void sell(String id, String sellerId, Instant at) {
        projection.on(new ListingSold(id, sellerId, "order-" + id), next(id), at);
    }

    void unpublish(String id, String sellerId, Instant at) {
        projection.on(new ListingUnpublished(id, sellerId), next(id), at);
    }

    /** The sequence number the next event of this listing gets (0 for its creation). */
    private long next(String listingId) {
        return sequences.computeIfAbsent(listingId, id -> new AtomicLong(-1)).incrementAndGet();
    }

    FeedPage page(FeedFilter filter, FeedSort sort, String cursor, int limit) {
        return queries.query(new FindFeedPage(filter, sort, cursor, limit), ResponseTypes.instanceOf(FeedPage.class))
                .join();
    }

    /** Every page to the end, in order. */
    List<FeedItem> all(FeedFilter filter, FeedSort sort, int limit) {
        List<FeedItem> items = new ArrayList<>();
        String cursor = null;
        do {
            FeedPage page = page(filter, sort, cursor, limit);
            items.addAll(page.items());
            cursor = page.nextCursor();
        } while (cursor != null);
        return items;
    }

    List<String> ids(FeedFilter filter, FeedSort sort) {
        return all(filter, sort, 2).stream().map(FeedItem::id).toList();
    }

    @Override
    public void close() {
        server.close();
    }
}
