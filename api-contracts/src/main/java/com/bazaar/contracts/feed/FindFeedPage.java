package com.bazaar.contracts.feed;

/**
 * Asks for one page of the shoppers' feed, newest first. {@code cursor} is the opaque {@code nextCursor} of the
 * previous page, or null for the first page. Answers a {@link FeedPage}.
 */
public record FindFeedPage(String cursor, int limit) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
