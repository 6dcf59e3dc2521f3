package com.bazaar.command.cart;

import com.bazaar.contracts.listing.FindListing;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Reads the listing detail read model over the query bus. It may lag the listing by a moment; that is fine for a
 * cart, because checkout's reservation on the listing aggregate is the authoritative availability check.
 */
@Component
class QueryBusCartListings implements CartListings {

    /** Every listing is one of a kind until listings carry a stock count. */
    private static final int SECOND_HAND_STOCK = 1;

    private final QueryGateway queries;

    QueryBusCartListings(QueryGateway queries) {
        this.queries = queries;
    }

    @Override
    public Optional<ForSale> forSale(String listingId, String shopperId) {
        return queries.query(new FindListing(listingId, shopperId), ResponseTypes.optionalInstanceOf(ListingView.class))
                .join()
                .filter(listing -> listing.status() == ListingStatus.PUBLISHED)
                .map(listing -> new ForSale(listing.sellerId(), SECOND_HAND_STOCK));
    }
}
