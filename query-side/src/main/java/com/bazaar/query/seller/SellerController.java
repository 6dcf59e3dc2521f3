package com.bazaar.query.seller;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import com.bazaar.contracts.feed.FindFeedPage;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import com.bazaar.contracts.seller.SellerListingsPage;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.web.MediaUrls;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@ReadModel(SellerProjection.PROCESSING_GROUP)
class SellerController {

    private final AxonGateways gateways;
    private final MediaUrls mediaUrls;

    SellerController(AxonGateways gateways, MediaUrls mediaUrls) {
        this.gateways = gateways;
        this.mediaUrls = mediaUrls;
    }

    /** A seller's profile: their label and their published listings, newest first, paged like the feed. */
    @GetMapping("/api/v1/sellers/{sellerId}/listings")
    Mono<SellerListingsPage> listings(
            @PathVariable String sellerId,
            @RequestParam(required = false) String cursor,
            @RequestParam(defaultValue = "" + FindFeedPage.DEFAULT_LIMIT) @Min(1) @Max(FindFeedPage.MAX_LIMIT)
                    int limit,
            ServerHttpRequest request) {
        Mono<SellerLabel> seller = gateways.query(
                        new FindSellerLabels(List.of(sellerId), true),
                        ResponseTypes.multipleInstancesOf(SellerLabel.class))
                .map(labels -> labels.get(0))
                .filter(label -> label.displayName() != null || label.listingCount() > 0)
                .switchIfEmpty(Mono.error(() ->
                        new DomainException(ErrorCode.SELLER_NOT_FOUND, "Seller " + sellerId + " does not exist.")));
        Mono<FeedPage> page = gateways.query(
                new FindFeedPage(
                        FeedFilter.bySeller(sellerId),
                        FeedSort.NEWEST,
                        cursor == null || cursor.isBlank() ? null : cursor,
                        limit),
                ResponseTypes.instanceOf(FeedPage.class));
        return Mono.zip(seller, page)
                .map(both -> new SellerListingsPage(
                        both.getT1(),
                        both.getT2().items().stream()
                                .map(item -> item.withCoverImageUrls(mediaUrls.sizes(request, item.coverImageId())))
                                .toList(),
                        both.getT2().nextCursor()));
    }
}
