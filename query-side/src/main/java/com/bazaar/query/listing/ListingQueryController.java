package com.bazaar.query.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.listing.FindListing;
import com.bazaar.contracts.listing.ListingView;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.MediaUrls;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@ReadModel(ListingDetailProjection.PROCESSING_GROUP)
class ListingQueryController {

    private final AxonGateways gateways;
    private final MediaUrls mediaUrls;

    ListingQueryController(AxonGateways gateways, MediaUrls mediaUrls) {
        this.gateways = gateways;
        this.mediaUrls = mediaUrls;
    }

    @GetMapping("/api/v1/listings/{listingId}")
    Mono<ListingView> listing(@PathVariable String listingId, ServerHttpRequest request) {
        return RequestMetadata.current()
                .flatMap(metadata -> gateways.query(
                        new FindListing(listingId, metadata.userId()),
                        ResponseTypes.optionalInstanceOf(ListingView.class)))
                .flatMap(Mono::justOrEmpty)
                .map(view -> view.withPhotos(mediaUrls.photos(request, view.photoIds())))
                .switchIfEmpty(Mono.error(() ->
                        new DomainException(ErrorCode.LISTING_NOT_FOUND, "Listing " + listingId + " does not exist.")));
    }
}
