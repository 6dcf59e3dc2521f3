package com.bazaar.query.feed;

import static com.bazaar.query.feed.FeedFixture.details;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedItem;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.platform.paging.SignedCursors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;
import org.threeten.extra.MutableClock;

/** The feed's filters, sorts, keyset paging, cursors, purge and replay, against a Mongo wire-protocol server. */
class FeedQueryTest {

    private static final Instant T0 =
            Instant.now().minus(Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    private static final FeedFilter ALL = FeedFilter.none();

    private final FeedFixture feed = new FeedFixture();

    @AfterEach
    void close() {
        feed.close();
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static FeedFilter filter(Consumer<FilterBuilder> spec) {
        FilterBuilder builder = new FilterBuilder();
        spec.accept(builder);
        return new FeedFilter(
                builder.category,
                builder.minPrice,
                builder.maxPrice,
                builder.condition,
                builder.size,
                builder.brand,
                builder.sellerId,
                builder.q);
    }

    /** Test-only convenience for the eight optional filter fields. */
    private static final class FilterBuilder {
        Category category;
        Long minPrice;
        Long maxPrice;
        Condition condition;
        String size;
        String brand;
        String sellerId;
        String q;
    }

    @Test
    void newestFirstAcrossPagesWithWhatACardNeeds() {
        feed.sellerNames.put("ann", "Ann");
        List<String> published = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            published.add(feed.publishNew("ann", details("Item " + i, 1000 + i), at(i)));
        }
        feed.create("ann", details("A draft", 10));

        FeedPage first = feed.page(ALL, FeedSort.NEWEST, null, 2);
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).containsExactlyElementsOf(reversed(published));

        FeedItem card = first.items().get(0);
        assertThat(card.title()).isEqualTo("Item 4");
        assertThat(card.price().amount()).isEqualTo(1004);
        assertThat(card.shippingPrice().amount()).isZero();
        assertThat(card.coverImageId()).isEqualTo("cover-Item 4");
        assertThat(card.seller().id()).isEqualTo("ann");
        assertThat(card.seller().displayName()).isEqualTo("Ann");
        assertThat(card.publishedAt()).isEqualTo(at(4));
        assertThat(card.condition()).isEqualTo(Condition.GOOD);
    }

    @Test
    void listingsPublishedAtTheSameMillisecondAreOrderedById() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(feed.publishNew("ann", details("Same time " + i, 500), at(0)));
        }
        assertThat(feed.ids(ALL, FeedSort.NEWEST))
                .containsExactlyElementsOf(reversed(ids.stream().sorted().toList()));
        assertThat(feed.ids(ALL, FeedSort.PRICE_ASC))
                .containsExactlyElementsOf(ids.stream().sorted().toList());
    }

    @Test
    void sortsByPriceBothWays() {
        String cheap = feed.publishNew("ann", details("Cheap", 100), at(1));
        String dear = feed.publishNew("ann", details("Dear", 9000), at(2));
        String middle = feed.publishNew("ann", details("Middle", 2500), at(3));

        assertThat(feed.ids(ALL, FeedSort.PRICE_ASC)).containsExactly(cheap, middle, dear);
        assertThat(feed.ids(ALL, FeedSort.PRICE_DESC)).containsExactly(dear, middle, cheap);
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).containsExactly(middle, dear, cheap);
    }

    @Test
    void everyFilterNarrowsTheFeed() {
        String jacket = feed.publishNew(
                "ann",
                details(
                        "Blue denim jacket",
                        "Worn twice, like new",
                        2500,
                        Category.CLOTHING,
                        Condition.LIKE_NEW,
                        "M",
                        "Levi's"),
                at(1));
        String boots = feed.publishNew(
                "bob",
                details("Leather boots", "Brown, resoled", 6000, Category.SHOES, Condition.GOOD, "42", "Dr. Martens"),
                at(2));
        String cafe = feed.publishNew(
                "ann", details("Café table", "Solid oak", 12000, Category.HOME, Condition.FAIR, null, null), at(3));
        String shirt = feed.publishNew(
                "bob",
                details("Denim shirt", "Slim fit", 1500, Category.CLOTHING, Condition.GOOD, "m ", "LEVI'S"),
                at(4));

        assertThat(feed.ids(filter(f -> f.category = Category.CLOTHING), FeedSort.NEWEST))
                .containsExactly(shirt, jacket);
        assertThat(feed.ids(filter(f -> f.minPrice = 2500L), FeedSort.PRICE_ASC))
                .containsExactly(jacket, boots, cafe);
        assertThat(feed.ids(filter(f -> f.maxPrice = 6000L), FeedSort.PRICE_ASC))
                .containsExactly(shirt, jacket, boots);
        assertThat(feed.ids(
                        filter(f -> {
                            f.minPrice = 2000L;
                            f.maxPrice = 7000L;
                        }),
                        FeedSort.PRICE_DESC))
                .containsExactly(boots, jacket);
        assertThat(feed.ids(filter(f -> f.condition = Condition.GOOD), FeedSort.NEWEST))
                .containsExactly(shirt, boots);
        assertThat(feed.ids(filter(f -> f.size = " M"), FeedSort.NEWEST)).containsExactly(shirt, jacket);
        assertThat(feed.ids(filter(f -> f.brand = "levi's"), FeedSort.NEWEST)).containsExactly(shirt, jacket);
        assertThat(feed.ids(filter(f -> f.brand = "dr.  martens"), FeedSort.NEWEST))
                .containsExactly(boots);
        assertThat(feed.ids(filter(f -> f.sellerId = "ann"), FeedSort.NEWEST)).containsExactly(cafe, jacket);
        assertThat(feed.ids(
                        filter(f -> {
                            f.category = Category.CLOTHING;
                            f.sellerId = "bob";
                            f.maxPrice = 2000L;
                        }),
                        FeedSort.NEWEST))
                .containsExactly(shirt);
    }

    @Test
    void freeTextMatchesEveryWordOfTitleAndDescriptionIgnoringCaseAccentsAndEndings() {
        String jacket = feed.publishNew(
                "ann",
                details("Blue denim jacket", "Worn twice", 2500, Category.CLOTHING, Condition.GOOD, null, null),
                at(1));
        String shirt = feed.publishNew(
                "ann",
                details("Denim shirt", "Blue-ish, slim fit", 1500, Category.CLOTHING, Condition.GOOD, null, null),
                at(2));
        String cafe = feed.publishNew(
                "ann", details("Café table", "Solid oak", 12000, Category.HOME, Condition.FAIR, null, null), at(3));

        assertThat(feed.ids(filter(f -> f.q = "DENIM"), FeedSort.NEWEST)).containsExactly(shirt, jacket);
        assertThat(feed.ids(filter(f -> f.q = "blue denim"), FeedSort.NEWEST)).containsExactly(shirt, jacket);
        assertThat(feed.ids(filter(f -> f.q = "denim jacket"), FeedSort.NEWEST)).containsExactly(jacket);
        assertThat(feed.ids(filter(f -> f.q = "jack"), FeedSort.NEWEST)).containsExactly(jacket);
        assertThat(feed.ids(filter(f -> f.q = "twice"), FeedSort.NEWEST)).containsExactly(jacket);
        assertThat(feed.ids(filter(f -> f.q = "cafe"), FeedSort.NEWEST)).containsExactly(cafe);
        assertThat(feed.ids(filter(f -> f.q = "denim oak"), FeedSort.NEWEST)).isEmpty();
        assertThat(feed.ids(filter(f -> f.q = "  !! "), FeedSort.NEWEST)).hasSize(3);
    }

    @Test
    void soldAndUnpublishedListingsLeaveAndARepublishedOneComesBackAsNew() {
        String sold = feed.publishNew("ann", details("Sold", 100), at(1));
        String unpublished = feed.publishNew("ann", details("Unpublished", 200), at(2));
        String staying = feed.publishNew("ann", details("Staying", 300), at(3));

        feed.sell(sold, "ann", at(4));
        feed.unpublish(unpublished, "ann", at(5));
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).containsExactly(staying);

        feed.publish(unpublished, "ann", at(6));
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).containsExactly(unpublished, staying);
        assertThat(feed.all(ALL, FeedSort.NEWEST, 10).get(0).publishedAt()).isEqualTo(at(6));
    }

    @Test
    void anEditShowsInNewSnapshotsWhileAnOpenCursorKeepsItsSnapshot() {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        MutableClock clock = MutableClock.of(start.plusSeconds(10), ZoneOffset.UTC);
        try (FeedFixture timed = new FeedFixture(clock)) {
            String a = timed.publishNew("ann", details("A", 100), start.plusSeconds(1));
            String b = timed.publishNew("ann", details("B", 200), start.plusSeconds(2));
            String c = timed.publishNew("ann", details("C", 300), start.plusSeconds(3));

            FeedPage first = timed.page(ALL, FeedSort.PRICE_ASC, null, 1);
            assertThat(first.items()).extracting(FeedItem::id).containsExactly(a);
            // A's price jumps past everything after the first page was served: without a snapshot it would show
            // again.
            timed.edit(a, "ann", details("A renamed", 999), clock.instant());
            FeedPage rest = timed.page(ALL, FeedSort.PRICE_ASC, first.nextCursor(), 10);
            assertThat(rest.items()).extracting(FeedItem::id).containsExactly(b, c);

            // Within the snapshot lag a new snapshot does not see the edit yet; once the lag has passed it does.
            clock.setInstant(clock.instant().plus(FeedFixture.LAG).minusMillis(1));
            assertThat(timed.ids(ALL, FeedSort.PRICE_ASC)).containsExactly(a, b, c);
            clock.setInstant(clock.instant().plusMillis(2));
            assertThat(timed.ids(ALL, FeedSort.PRICE_ASC))
                    .containsExactly(b, c, a)
                    .hasSize(3);
            timed.edit(b, "ann", details("B again", 50), clock.instant());
            clock.setInstant(clock.instant().plus(FeedFixture.LAG).plusMillis(1));
            List<FeedItem> now = timed.all(ALL, FeedSort.PRICE_ASC, 10);
            assertThat(now).extracting(FeedItem::id).containsExactly(b, c, a);
            assertThat(now.get(0).title()).isEqualTo("B again");
            assertThat(now.get(0).publishedAt()).isEqualTo(start.plusSeconds(2));
        }
    }

    @Test
    void invalidPriceRangesAndCursorsAreRefusedNamingTheField() {
        feed.publishNew("ann", details("A", 100), at(1));
        feed.publishNew("ann", details("B", 200), at(2));
        String cursor = feed.page(ALL, FeedSort.NEWEST, null, 1).nextCursor();

        assertRefused(
                () -> feed.page(
                        filter(f -> {
                            f.minPrice = 500L;
                            f.maxPrice = 100L;
                        }),
                        FeedSort.NEWEST,
                        null,
                        10),
                "minPrice");
        assertRefused(() -> feed.page(filter(f -> f.minPrice = -1L), FeedSort.NEWEST, null, 10), "minPrice");
        // Another sort or filter than the cursor was made for.
        assertRefused(() -> feed.page(ALL, FeedSort.PRICE_ASC, cursor, 10), "cursor");
        assertRefused(() -> feed.page(filter(f -> f.category = Category.HOME), FeedSort.NEWEST, cursor, 10), "cursor");
        // Tampered: a different position with the old signature, a flipped character, garbage, another secret,
        // another kind of cursor.
        String[] jws = cursor.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(jws[1]), StandardCharsets.UTF_8);
        FeedCursor genuine = FeedCursor.decode(cursor, FeedFixture.CURSORS);
        String moved = payload.replace("\"key\":" + genuine.key(), "\"key\":" + (genuine.key() + 1));
        assertThat(moved).isNotEqualTo(payload);
        assertRefused(() -> feed.page(ALL, FeedSort.NEWEST, jws[0] + "." + encode(moved) + "." + jws[2], 10), "cursor");
        String olderSnapshot = payload.replace(
                "\"asOf\":" + genuine.asOf().toEpochMilli(),
                "\"asOf\":" + (genuine.asOf().toEpochMilli() - 1000));
        assertThat(olderSnapshot).isNotEqualTo(payload);
        assertRefused(
                () -> feed.page(ALL, FeedSort.NEWEST, jws[0] + "." + encode(olderSnapshot) + "." + jws[2], 10),
                "cursor");
        assertRefused(
                () -> feed.page(ALL, FeedSort.NEWEST, cursor.substring(0, cursor.length() - 2) + "AA", 10), "cursor");
        assertRefused(() -> feed.page(ALL, FeedSort.NEWEST, "garbage", 10), "cursor");
        assertRefused(
                () -> feed.page(ALL, FeedSort.NEWEST, genuine.encode(new SignedCursors("another-secret")), 10),
                "cursor");
        assertRefused(
                () -> feed.page(
                        ALL,
                        FeedSort.NEWEST,
                        FeedFixture.CURSORS.encode(
                                "orders",
                                java.util.Map.of(
                                        "asOf",
                                        genuine.asOf().toEpochMilli(),
                                        "q",
                                        genuine.query(),
                                        "key",
                                        genuine.key(),
                                        "id",
                                        genuine.listingId())),
                        10),
                "cursor");
        // The genuine cursor still works.
        assertThat(feed.page(ALL, FeedSort.NEWEST, cursor, 10).items()).hasSize(1);
    }

    @Test
    void supersededVersionsArePurgedAfterTheRetentionAndTheirCursorsExpire() {
        Instant start = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        MutableClock clock = MutableClock.of(start.plusSeconds(10), ZoneOffset.UTC);
        try (FeedFixture timed = new FeedFixture(clock)) {
            String a = timed.publishNew("ann", details("A", 100), start);
            timed.publishNew("ann", details("B", 200), start);
            timed.edit(a, "ann", details("A", 150), start.plusSeconds(1));
            timed.edit(a, "ann", details("A", 175), start.plusSeconds(2));
            String sold = timed.publishNew("ann", details("Sold", 300), start);
            timed.sell(sold, "ann", start.plusSeconds(3));
            String cursor = timed.page(ALL, FeedSort.NEWEST, null, 1).nextCursor();
            assertThat(timed.mongo.count(new Query(), FeedVersion.class)).isEqualTo(5);

            FeedVersionPurge purge =
                    new FeedVersionPurge(timed.mongo, new FeedSettings(FeedFixture.LAG, Duration.ofHours(24), clock));
            purge.purge();
            assertThat(timed.mongo.count(new Query(), FeedVersion.class)).isEqualTo(5);

            clock.setInstant(start.plus(Duration.ofHours(25)));
            purge.purge();
            // Only the current versions of A and B are left.
            assertThat(timed.mongo.findAll(FeedVersion.class))
                    .extracting(FeedVersion::priceAmount)
                    .containsExactlyInAnyOrder(175L, 200L);
            assertThat(timed.ids(ALL, FeedSort.PRICE_ASC)).hasSize(2);
            assertThatThrownBy(() -> timed.page(ALL, FeedSort.NEWEST, cursor, 10))
                    .hasRootCauseInstanceOf(DomainException.class)
                    .rootCause()
                    .satisfies(failure ->
                            assertThat(((DomainException) failure).code()).isEqualTo(ErrorCode.CURSOR_EXPIRED));
        }
    }

    @Test
    void redeliveredEventsChangeNothing() {
        String a = feed.publishNew("ann", details("A", 100), at(1));
        feed.edit(a, "ann", details("A", 150), at(2));
        List<Document> before = snapshot();

        // A tracking processor replays from its last stored token: the same events, same sequence numbers.
        feed.projection.on(new com.bazaar.contracts.listing.ListingPublished(a, "ann"), 1, at(1));
        feed.projection.on(new com.bazaar.contracts.listing.ListingEdited(a, "ann", details("A", 150)), 2, at(2));
        feed.projection.on(new com.bazaar.contracts.listing.ListingDraftCreated(a, "ann", details("A", 100)), 0);

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void versionsAreClosedAndRemovedByIdAndTheSameWayForListingsProjectedBeforeVersionIdsExisted() {
        String current = feed.publishNew("ann", details("Current", 100), at(1));
        String legacy = feed.publishNew("ann", details("Legacy", 100), at(1));
        // A listing projected before the field existed has no list of version ids: the projection finds its versions by
        // listing once, then keeps the list like any other.
        feed.mongo.updateFirst(
                Query.query(org.springframework.data.mongodb.core.query.Criteria.where("_id")
                        .is(legacy)),
                new org.springframework.data.mongodb.core.query.Update().unset(FeedListing.VERSION_IDS),
                FeedListing.class);
        for (String id : List.of(current, legacy)) {
            feed.edit(id, "ann", details("Edited", 90), at(2));
            feed.sell(id, "ann", at(3));
        }

        for (String id : List.of(current, legacy)) {
            assertThat(feed.mongo.find(
                            Query.query(org.springframework.data.mongodb.core.query.Criteria.where("listingId")
                                            .is(id))
                                    .with(Sort.by("sequence")),
                            FeedVersion.class))
                    .as(id.equals(current) ? "versions found by id" : "versions found by listing")
                    .extracting(
                            FeedVersion::sequence, FeedVersion::validTo, FeedVersion::removed, FeedVersion::removedAt)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1L, at(2), true, at(3)),
                            org.assertj.core.groups.Tuple.tuple(2L, at(3), true, at(3)));
        }
        assertThat(feed.mongo.findById(current, FeedListing.class).versionIds()).isEmpty();
        assertThat(feed.mongo.findById(legacy, FeedListing.class).versionIds()).isEmpty();

        feed.publish(current, "ann", at(4));
        feed.publish(legacy, "ann", at(4));
        assertThat(feed.mongo.findById(current, FeedListing.class).versionIds()).containsExactly(current + ":4");
        assertThat(feed.mongo.findById(legacy, FeedListing.class).versionIds()).containsExactly(legacy + ":4");
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).containsExactlyInAnyOrder(current, legacy);
    }

    @Test
    void aReplayRebuildsAnIdenticalFeed() {
        List<Runnable> history = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(java.util.UUID.randomUUID().toString());
        }
        for (int i = 0; i < 12; i++) {
            String id = ids.get(i);
            int n = i;
            history.add(() -> feed.projection.on(
                    new com.bazaar.contracts.listing.ListingDraftCreated(
                            id, "s" + n % 3, details("Item " + n, 100 * n + 1)),
                    0));
            history.add(() ->
                    feed.projection.on(new com.bazaar.contracts.listing.ListingPublished(id, "s" + n % 3), 1, at(n)));
            if (n % 3 == 0) {
                history.add(() -> feed.projection.on(
                        new com.bazaar.contracts.listing.ListingEdited(
                                id, "s" + n % 3, details("Item " + n + " reduced", 50 * n + 1)),
                        2,
                        at(20 + n)));
            }
            if (n % 4 == 1) {
                history.add(() -> feed.projection.on(
                        new com.bazaar.contracts.listing.ListingSold(id, "s" + n % 3, "o"),
                        n % 3 == 0 ? 3 : 2,
                        at(40 + n)));
            }
        }
        history.forEach(Runnable::run);
        List<Document> stored = snapshot();
        List<List<FeedItem>> answers = allOrders();

        feed.projection.reset();
        assertThat(feed.ids(ALL, FeedSort.NEWEST)).isEmpty();
        history.forEach(Runnable::run);

        assertThat(snapshot()).isEqualTo(stored);
        assertThat(allOrders()).isEqualTo(answers);
        assertThat(answers.get(0)).hasSize(9);
        assertThat(answers.get(1).get(0).title()).isEqualTo("Item 0 reduced");
    }

    private List<List<FeedItem>> allOrders() {
        return List.of(
                feed.all(ALL, FeedSort.NEWEST, 4),
                feed.all(ALL, FeedSort.PRICE_ASC, 4),
                feed.all(ALL, FeedSort.PRICE_DESC, 4));
    }

    private List<Document> snapshot() {
        List<Document> documents = new ArrayList<>();
        for (String collection : List.of(FeedVersion.COLLECTION, FeedListing.COLLECTION)) {
            documents.addAll(feed.mongo.find(new Query().with(Sort.by("_id")), Document.class, collection));
        }
        return documents;
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call)
                .hasRootCauseInstanceOf(InvalidInputException.class)
                .rootCause()
                .satisfies(failure ->
                        assertThat(((InvalidInputException) failure).field()).isEqualTo(field));
    }

    private static List<String> reversed(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }
}
