package com.bazaar.query.feed;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import com.bazaar.contracts.feed.FindFeedPage;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import com.bazaar.platform.consistency.ConsistentReads;
import com.bazaar.platform.paging.SignedCursors;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Answers feed pages from a snapshot (docs/FEED.md): the first page fixes {@code asOf}, every page reads the versions
 * valid at {@code asOf} and not removed, ordered by the sort key and listing id, after the cursor's (key, id). One
 * version per listing is valid at any instant and its keys never change, so paging neither repeats nor skips.
 * Seller names are joined per page (one query for the page's sellers), so a rename shows without touching the feed.
 */
@Component
class FeedQueryHandler {

    private final MongoTemplate mongo;
    private final QueryGateway queries;
    private final FeedSettings settings;
    private final SignedCursors cursors;

    FeedQueryHandler(MongoTemplate mongo, QueryGateway queries, FeedSettings settings, SignedCursors cursors) {
        this.mongo = mongo;
        this.queries = queries;
        this.settings = settings;
        this.cursors = cursors;
    }

    /**
     * {@code writtenAt}: set when the request waited for the caller's own write (a {@code Bazaar-Consistency} token);
     * the first page's snapshot then reaches at least that write, so the caller sees it at once.
     */
    @QueryHandler
    FeedPage handle(FindFeedPage request, @MetaDataValue(ConsistentReads.WRITTEN_AT) Long writtenAt) {
        FeedFilter filter = request.filter();
        FeedSort sort = request.sort();
        checkPriceRange(filter);
        String queryDigest = digest(filter, sort);
        Instant now = settings.clock().instant();
        FeedCursor after = request.cursor() == null ? null : FeedCursor.decode(request.cursor(), cursors);
        if (after != null && !after.query().equals(queryDigest)) {
            throw new InvalidInputException("cursor", "belongs to another filter or sort; start from the first page");
        }
        if (after != null && after.asOf().isBefore(now.minus(settings.retention()))) {
            throw new DomainException(
                    ErrorCode.CURSOR_EXPIRED, "This cursor is too old to continue from; load the first page again.");
        }
        Instant asOf = after != null ? after.asOf() : firstPageAsOf(now, writtenAt);

        List<Criteria> conditions = new ArrayList<>(List.of(
                where("removed").is(false),
                where("validTo").gt(asOf),
                where("validFrom").lte(asOf)));
        conditions.addAll(filterConditions(filter));
        if (after != null) {
            conditions.add(after(sort, after));
        }
        Sort.Direction direction = sort == FeedSort.PRICE_ASC ? Sort.Direction.ASC : Sort.Direction.DESC;
        Query query = Query.query(new Criteria().andOperator(conditions))
                .with(Sort.by(new Sort.Order(direction, sortKey(sort)), new Sort.Order(direction, "listingId")))
                .limit(request.limit() + 1);
        List<FeedVersion> versions = mongo.find(query, FeedVersion.class);
        boolean more = versions.size() > request.limit();
        List<FeedVersion> page = more ? versions.subList(0, request.limit()) : versions;

        Map<String, SellerLabel> sellers = sellers(page);
        String nextCursor = null;
        if (more) {
            FeedVersion last = page.get(page.size() - 1);
            nextCursor = new FeedCursor(asOf, queryDigest, keyOf(sort, last), last.listingId()).encode(cursors);
        }
        return new FeedPage(
                page.stream()
                        .map(version -> version.toItem(sellers.get(version.sellerId())))
                        .toList(),
                nextCursor);
    }

    private Instant firstPageAsOf(Instant now, Long writtenAt) {
        Instant lagging = now.minus(settings.snapshotLag()).truncatedTo(ChronoUnit.MILLIS);
        if (writtenAt == null) {
            return lagging;
        }
        // The token is signed, so this is a real write's time (another node's clock may run a little ahead).
        Instant written = Instant.ofEpochMilli(writtenAt);
        return written.isAfter(lagging) ? written : lagging;
    }

    private static void checkPriceRange(FeedFilter filter) {
        if (filter.minPrice() != null && filter.minPrice() < 0) {
            throw new InvalidInputException("minPrice", "must be greater than or equal to 0");
        }
        if (filter.maxPrice() != null && filter.maxPrice() < 0) {
            throw new InvalidInputException("maxPrice", "must be greater than or equal to 0");
        }
        if (filter.minPrice() != null && filter.maxPrice() != null && filter.minPrice() > filter.maxPrice()) {
            throw new InvalidInputException("minPrice", "must not be greater than maxPrice");
        }
    }

    private static List<Criteria> filterConditions(FeedFilter filter) {
        List<Criteria> conditions = new ArrayList<>();
        if (filter.category() != null) {
            conditions.add(where("category").is(filter.category()));
        }
        if (filter.condition() != null) {
            conditions.add(where("condition").is(filter.condition()));
        }
        if (filter.sellerId() != null) {
            conditions.add(where("sellerId").is(filter.sellerId()));
        }
        if (SearchTerms.normalise(filter.size()) != null) {
            conditions.add(where("sizeKey").is(SearchTerms.normalise(filter.size())));
        }
        if (SearchTerms.normalise(filter.brand()) != null) {
            conditions.add(where("brandKey").is(SearchTerms.normalise(filter.brand())));
        }
        if (filter.minPrice() != null) {
            conditions.add(where("priceAmount").gte(filter.minPrice()));
        }
        if (filter.maxPrice() != null) {
            conditions.add(where("priceAmount").lte(filter.maxPrice()));
        }
        List<String> words = SearchTerms.query(filter.q());
        if (!words.isEmpty()) {
            conditions.add(where("terms").all(words));
        }
        return conditions;
    }

    /** Strictly after the cursor's (key, id) in the page order. */
    private static Criteria after(FeedSort sort, FeedCursor cursor) {
        Object key = sort == FeedSort.NEWEST ? Instant.ofEpochMilli(cursor.key()) : cursor.key();
        String field = sortKey(sort);
        if (sort == FeedSort.PRICE_ASC) {
            return new Criteria()
                    .orOperator(
                            where(field).gt(key),
                            where(field).is(key).and("listingId").gt(cursor.listingId()));
        }
        return new Criteria()
                .orOperator(
                        where(field).lt(key),
                        where(field).is(key).and("listingId").lt(cursor.listingId()));
    }

    private static String sortKey(FeedSort sort) {
        return sort == FeedSort.NEWEST ? "publishedAt" : "priceAmount";
    }

    private static long keyOf(FeedSort sort, FeedVersion version) {
        return sort == FeedSort.NEWEST ? version.publishedAt().toEpochMilli() : version.priceAmount();
    }

    private Map<String, SellerLabel> sellers(List<FeedVersion> page) {
        List<String> ids = page.stream().map(FeedVersion::sellerId).distinct().toList();
        if (ids.isEmpty()) {
            return Map.of();
        }
        return queries
                .query(new FindSellerLabels(ids, false), ResponseTypes.multipleInstancesOf(SellerLabel.class))
                .join()
                .stream()
                .collect(Collectors.toMap(SellerLabel::id, Function.identity(), (a, b) -> a));
    }

    /** Identifies the filter and sort a cursor belongs to, after normalisation ("Nike" and "nike " are the same). */
    private static String digest(FeedFilter filter, FeedSort sort) {
        String canonical = String.join(
                "\u0000",
                Arrays.asList(
                        sort.slug(),
                        filter.category() == null ? "" : filter.category().slug(),
                        String.valueOf(filter.minPrice()),
                        String.valueOf(filter.maxPrice()),
                        filter.condition() == null ? "" : filter.condition().slug(),
                        String.valueOf(SearchTerms.normalise(filter.size())),
                        String.valueOf(SearchTerms.normalise(filter.brand())),
                        String.valueOf(filter.sellerId()),
                        String.join(" ", SearchTerms.query(filter.q()))));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(hash, 9));
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException("SHA-256 is part of every JDK", unavailable);
        }
    }
}
