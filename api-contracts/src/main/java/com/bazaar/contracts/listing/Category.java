package com.bazaar.contracts.listing;

import com.bazaar.contracts.common.Slugged;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;

/**
 * The fixed listing taxonomy (docs/TAXONOMY.md). Clients see and send the slug. Adding a category is a compatible
 * change; renaming or removing one is not (events store the slug).
 */
public enum Category implements Slugged {
    CLOTHING("clothing", "Clothing"),
    SHOES("shoes", "Shoes"),
    ACCESSORIES("accessories", "Accessories & jewellery"),
    BAGS("bags", "Bags"),
    HOME("home", "Home & garden"),
    ELECTRONICS("electronics", "Electronics"),
    BOOKS("books", "Books"),
    MUSIC_AND_FILM("music_film", "Music & film"),
    TOYS_AND_GAMES("toys_games", "Toys & games"),
    SPORTS("sports", "Sports & outdoors"),
    KIDS("kids", "Baby & kids"),
    BEAUTY("beauty", "Beauty"),
    OTHER("other", "Other");

    private final String slug;
    private final String displayName;

    Category(String slug, String displayName) {
        this.slug = slug;
        this.displayName = displayName;
    }

    @Override
    @JsonValue
    public String slug() {
        return slug;
    }

    public String displayName() {
        return displayName;
    }

    @JsonCreator
    public static Category fromSlug(String slug) {
        return Arrays.stream(values())
                .filter(category -> category.slug.equals(slug))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("must be one of: "
                        + String.join(
                                ", ",
                                Arrays.stream(values()).map(value -> value.slug).toList())));
    }
}
