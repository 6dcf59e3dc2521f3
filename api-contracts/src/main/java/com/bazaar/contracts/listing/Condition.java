package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Slugged;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** How worn an item is; clients see and send the slug. */
public enum Condition implements Slugged {
    NEW("new"),
    LIKE_NEW("like_new"),
    GOOD("good"),
    FAIR("fair");

    private final String slug;

    Condition(String slug) {
        this.slug = slug;
    }

    @Override
    @JsonValue
    public String slug() {
        return slug;
    }

    @JsonCreator
    public static Condition fromSlug(String slug) {
        return Arrays.stream(values())
                .filter(condition -> condition.slug.equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of: "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(value -> value.slug).toList())));
    }
}
