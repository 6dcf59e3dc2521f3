package com.bazaar.contracts.feed;

/**
 * Asks for one page of the shoppers' feed. {@code cursor} is the opaque {@code nextCursor} of the previous page (it
 * only fits the same filter and sort), or null for the first page. Answers a {@link FeedPage}.
 */
public record FindFeedPage(FeedFilter filter, FeedSort sort, String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    public FindFeedPage {
        filter = filter == null ? FeedFilter.none() : filter;
        sort = sort == null ? FeedSort.NEWEST : sort;
    }
}
