package com.bazaar.query.listing;

import com.bazaar.contracts.listing.FindListing;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingView;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

@Component
class ListingQueryHandler {

    private final MongoTemplate mongo;

    ListingQueryHandler(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A draft is visible to its seller only; to anyone else it does not exist. */
    @QueryHandler
    Optional<ListingView> handle(FindListing request) {
        return Optional.ofNullable(mongo.findById(request.listingId(), ListingDetail.class))
                .filter(detail -> detail.status() != ListingStatus.DRAFT || detail.sellerId().equals(request.viewerId()))
                .map(ListingDetail::toView);
    }
}
