package com.bazaar.contracts.feed;

import java.util.List;

/** One page of the feed; {@code nextCursor} is null on the last page. */
public record FeedPage(List<FeedItem> items, String nextCursor) {

    public FeedPage {
        items = List.copyOf(items);
    }
}
