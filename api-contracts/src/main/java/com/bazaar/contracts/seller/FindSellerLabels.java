package com.bazaar.contracts.seller;

import java.util.List;

/**
 * Asks for the labels of these sellers, one per id in the given order (a label with only the id for an account not
 * known yet). Answers a {@code List<SellerLabel>}. Counting listings costs a query per seller, so it is opt-in.
 */
public record FindSellerLabels(List<String> sellerIds, boolean withListingCount) {

    public FindSellerLabels {
        sellerIds = List.copyOf(sellerIds);
    }
}
