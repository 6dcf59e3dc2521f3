package com.bazaar.contracts.seller;

import com.bazaar.contracts.feed.FeedItem;
import java.util.List;

/** A seller's profile page: who they are and one page of their published listings, newest first. */
public record SellerListingsPage(SellerLabel seller, List<FeedItem> items, String nextCursor) {

    public SellerListingsPage {
        items = List.copyOf(items);
    }
}
