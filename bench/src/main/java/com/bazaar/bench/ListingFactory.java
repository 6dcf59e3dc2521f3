package com.bazaar.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Listing bodies for {@code POST /api/v1/listings}, deterministic per seed so two runs seed the same catalogue. The
 * categories are spread evenly over the 13 slugs, so a category filter matches about 1 in 13 listings, and the
 * search word {@link #SEARCH_WORD} about 1 in 8.
 */
final class ListingFactory {

    static final String CATEGORY = "clothing";
    static final String SEARCH_WORD = "leather";

    private static final List<String> CATEGORIES = List.of(
            "clothing",
            "shoes",
            "accessories",
            "bags",
            "home",
            "electronics",
            "books",
            "music_film",
            "toys_games",
            "sports",
            "kids",
            "beauty",
            "other");
    private static final List<String> CONDITIONS = List.of("new", "like_new", "good", "fair");
    private static final List<String> MATERIALS =
            List.of("leather", "cotton", "wool", "denim", "linen", "canvas", "suede", "vintage");
    private static final List<String> BRANDS = List.of(
            "Levi's",
            "COS",
            "Nike",
            "Patagonia",
            "IKEA",
            "Sony",
            "Penguin",
            "LEGO",
            "Trek",
            "Dyson",
            "Longchamp",
            "Seiko");
    private static final List<String> NOUNS = List.of(
            "jacket",
            "boots",
            "scarf",
            "tote",
            "lamp",
            "speaker",
            "novel",
            "record",
            "board game",
            "bike",
            "carrier",
            "hair dryer",
            "plant pot");
    private static final List<String> DESCRIPTIONS = List.of(
            "Worn a handful of times, no stains or holes.",
            "Moving house and it has to go. Smoke-free home.",
            "Bought last year, still in great shape. Happy to answer questions.",
            "Some signs of use, see the photos. Pick-up or shipping.");

    private final Random random;

    ListingFactory(long seed) {
        this.random = new Random(seed);
    }

    /** The next listing, with {@code photoId} as its only photo. */
    Map<String, Object> next(int index, String photoId) {
        String category = CATEGORIES.get(index % CATEGORIES.size());
        String material = pick(MATERIALS);
        String brand = pick(BRANDS);
        Map<String, Object> body = new HashMap<>();
        body.put("title", brand + " " + material + " " + NOUNS.get(index % NOUNS.size()) + " #" + index);
        body.put("description", pick(DESCRIPTIONS));
        body.put("price", money(500 + random.nextInt(20_000)));
        body.put("shippingPrice", money(random.nextBoolean() ? 0 : 450));
        body.put("category", category);
        body.put("condition", pick(CONDITIONS));
        body.put("brand", brand);
        body.put("photoIds", List.of(photoId));
        return body;
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static Map<String, Object> money(long minorUnits) {
        return Map.of("amount", minorUnits, "currency", "EUR");
    }
}
