package com.bazaar.contracts.feed;

import com.bazaar.contracts.common.Slugged;
import java.util.Arrays;

/** The orders the feed can be read in; clients send the slug. Every order breaks ties by listing id. */
public enum FeedSort implements Slugged {
    NEWEST("newest"),
    PRICE_ASC("price_asc"),
    PRICE_DESC("price_desc");

    private final String slug;

    FeedSort(String slug) {
        this.slug = slug;
    }

    @Override
    public String slug() {
        return slug;
    }

    public static FeedSort fromSlug(String slug) {
        return Arrays.stream(values())
                .filter(sort -> sort.slug.equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown sort " + slug));
    }
}
