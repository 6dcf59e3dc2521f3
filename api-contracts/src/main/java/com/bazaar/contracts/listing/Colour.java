package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Slugged;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/** The main colour of an item, from a fixed palette so it can be filtered; clients see and send the slug. */
public enum Colour implements Slugged {
    BLACK,
    WHITE,
    GREY,
    BEIGE,
    BROWN,
    RED,
    PINK,
    ORANGE,
    YELLOW,
    GREEN,
    BLUE,
    PURPLE,
    GOLD,
    SILVER,
    MULTI;

    @Override
    @JsonValue
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    @JsonCreator
    public static Colour fromSlug(String slug) {
        return Arrays.stream(values())
                .filter(colour -> colour.slug().equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of: "
                        + String.join(
                                ", ", Arrays.stream(values()).map(Colour::slug).toList())));
    }
}
