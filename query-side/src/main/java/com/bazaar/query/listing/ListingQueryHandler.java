package com.bazaar.query.listing;

import com.bazaar.contracts.listing.FindListing;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingView;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

@Component
class ListingQueryHandler {

    private final MongoTemplate mongo;
    private final QueryGateway queries;

    ListingQueryHandler(MongoTemplate mongo, QueryGateway queries) {
        this.mongo = mongo;
        this.queries = queries;
    }

    /** A draft is visible to its seller only; to anyone else it does not exist. Sold and unpublished ones answer. */
    @QueryHandler
    Optional<ListingView> handle(FindListing request) {
        return Optional.ofNullable(mongo.findById(request.listingId(), ListingDetail.class))
                .filter(detail -> detail.status() != ListingStatus.DRAFT
                        || detail.sellerId().equals(request.viewerId()))
                .map(detail -> detail.toView(queries.query(
                                new FindSellerLabels(List.of(detail.sellerId()), true),
                                ResponseTypes.multipleInstancesOf(SellerLabel.class))
                        .join()
                        .get(0)));
    }
}
