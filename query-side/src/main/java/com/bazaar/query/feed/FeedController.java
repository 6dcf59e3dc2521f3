package com.bazaar.query.feed;

import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import com.bazaar.contracts.feed.FindFeedPage;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.validation.SlugOf;
import com.bazaar.platform.web.MediaUrls;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@ReadModel(FeedProjection.PROCESSING_GROUP)
class FeedController {

    private final AxonGateways gateways;
    private final MediaUrls mediaUrls;

    FeedController(AxonGateways gateways, MediaUrls mediaUrls) {
        this.gateways = gateways;
        this.mediaUrls = mediaUrls;
    }

    /** Published listings, filtered and sorted; pass the previous page's {@code nextCursor} to continue. */
    @GetMapping("/api/v1/feed")
    Mono<FeedPage> feed(
            @RequestParam(required = false) @SlugOf(Category.class) String category,
            @RequestParam(required = false) @PositiveOrZero Long minPrice,
            @RequestParam(required = false) @PositiveOrZero Long maxPrice,
            @RequestParam(required = false) @SlugOf(Condition.class) String condition,
            @RequestParam(required = false) @Size(max = 20) String size,
            @RequestParam(required = false) @Size(max = 60) String brand,
            @RequestParam(required = false) @Size(max = 64) String sellerId,
            @RequestParam(required = false) @Size(max = 100) String q,
            @RequestParam(defaultValue = "newest") @SlugOf(FeedSort.class) String sort,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + FindFeedPage.DEFAULT_LIMIT) @Min(1) @Max(FindFeedPage.MAX_LIMIT)
                    int limit,
            ServerHttpRequest request) {
        FeedFilter filter = new FeedFilter(
                category == null ? null : Category.fromSlug(category),
                minPrice,
                maxPrice,
                condition == null ? null : Condition.fromSlug(condition),
                size,
                brand,
                blankToNull(sellerId),
                q);
        return gateways.query(
                        new FindFeedPage(filter, FeedSort.fromSlug(sort), blankToNull(cursor), limit),
                        ResponseTypes.instanceOf(FeedPage.class))
                .map(page -> withImageUrls(page, mediaUrls, request));
    }

    /** Media ids become URLs at the edge, where the request's host is known. */
    static FeedPage withImageUrls(FeedPage page, MediaUrls mediaUrls, ServerHttpRequest request) {
        return new FeedPage(
                page.items().stream()
                        .map(item -> item.withCoverImageUrls(mediaUrls.sizes(request, item.coverImageId())))
                        .toList(),
                page.nextCursor());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
