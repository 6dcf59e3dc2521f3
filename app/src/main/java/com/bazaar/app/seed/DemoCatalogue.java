package com.bazaar.app.seed;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Colour;
import com.bazaar.contracts.listing.Condition;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Believable second-hand listings: per category a few kinds of item, brands and sizes that go with them, prices in a
 * plausible range. Deterministic for a given seed, so two seeded machines show the same demo.
 */
final class DemoCatalogue {

    /** One listing as a seller would type it, before photos exist. */
    record DemoListing(
            String title,
            String description,
            Money price,
            Money shippingPrice,
            Category category,
            Condition condition,
            String size,
            String brand,
            Colour colour,
            int photoCount) {}

    private record Kind(String noun, List<String> brands, List<String> sizes, long minCents, long maxCents) {}

    private static final List<String> CLOTHING_SIZES = List.of("XS", "S", "M", "L", "XL");
    private static final List<String> SHOE_SIZES =
            List.of("EU 37", "EU 38", "EU 39", "EU 40", "EU 41", "EU 42", "EU 43", "EU 44");
    private static final List<String> NONE = List.of();

    private static final Map<Category, List<Kind>> KINDS = Map.ofEntries(
            Map.entry(
                    Category.CLOTHING,
                    List.of(
                            new Kind("denim jacket", List.of("Levi's", "Lee", "Wrangler"), CLOTHING_SIZES, 1500, 6000),
                            new Kind("wool coat", List.of("COS", "Mango", "Zara"), CLOTHING_SIZES, 3000, 12000),
                            new Kind(
                                    "summer dress",
                                    List.of("H&M", "& Other Stories", "Sézane"),
                                    CLOTHING_SIZES,
                                    800,
                                    5000),
                            new Kind("hoodie", List.of("Carhartt", "Nike", "Patagonia"), CLOTHING_SIZES, 1200, 5500))),
            Map.entry(
                    Category.SHOES,
                    List.of(
                            new Kind("running shoes", List.of("Asics", "Nike", "New Balance"), SHOE_SIZES, 2000, 7000),
                            new Kind("leather boots", List.of("Dr. Martens", "Blundstone"), SHOE_SIZES, 4000, 11000),
                            new Kind("sneakers", List.of("Adidas", "Veja", "Converse"), SHOE_SIZES, 1500, 6000))),
            Map.entry(
                    Category.ACCESSORIES,
                    List.of(
                            new Kind("silk scarf", List.of("Hermès", "Liberty"), NONE, 2000, 15000),
                            new Kind("sunglasses", List.of("Ray-Ban", "Persol"), NONE, 2500, 9000),
                            new Kind("wristwatch", List.of("Casio", "Seiko", "Swatch"), NONE, 2000, 20000))),
            Map.entry(
                    Category.BAGS,
                    List.of(
                            new Kind("leather tote", List.of("Longchamp", "Coach"), NONE, 3000, 15000),
                            new Kind("hiking backpack", List.of("Fjällräven", "Osprey", "Deuter"), NONE, 2500, 9000))),
            Map.entry(
                    Category.HOME,
                    List.of(
                            new Kind("table lamp", List.of("IKEA", "Muuto", "HAY"), NONE, 1000, 9000),
                            new Kind("ceramic vase", List.of("Kähler", "Arabia"), NONE, 800, 4000),
                            new Kind("armchair", List.of("IKEA", "Vitra"), NONE, 4000, 40000))),
            Map.entry(
                    Category.ELECTRONICS,
                    List.of(
                            new Kind("bluetooth speaker", List.of("JBL", "Bose", "Marshall"), NONE, 2500, 15000),
                            new Kind("film camera", List.of("Canon", "Olympus", "Pentax"), NONE, 5000, 30000),
                            new Kind("noise-cancelling headphones", List.of("Sony", "Bose"), NONE, 6000, 25000))),
            Map.entry(
                    Category.BOOKS,
                    List.of(
                            new Kind("cookbook", List.of("Ottolenghi", "Phaidon"), NONE, 500, 2500),
                            new Kind("novel collection", List.of("Penguin Classics", "Vintage"), NONE, 600, 3000))),
            Map.entry(
                    Category.MUSIC_AND_FILM,
                    List.of(new Kind("vinyl record", List.of("Blue Note", "Motown"), NONE, 800, 6000))),
            Map.entry(
                    Category.TOYS_AND_GAMES,
                    List.of(
                            new Kind("board game", List.of("Catan", "Ravensburger"), NONE, 1000, 4500),
                            new Kind("LEGO set", List.of("LEGO"), NONE, 1500, 12000))),
            Map.entry(
                    Category.SPORTS,
                    List.of(
                            new Kind(
                                    "road bike",
                                    List.of("Trek", "Specialized", "Canyon"),
                                    List.of("52", "54", "56", "58"),
                                    20000,
                                    150000),
                            new Kind("yoga mat", List.of("Manduka", "Lululemon"), NONE, 1000, 5000))),
            Map.entry(
                    Category.KIDS,
                    List.of(
                            new Kind("baby carrier", List.of("Ergobaby", "BabyBjörn"), NONE, 3000, 9000),
                            new Kind(
                                    "kids' raincoat",
                                    List.of("Polarn O. Pyret", "Reima"),
                                    List.of("98", "104", "110", "116"),
                                    1000,
                                    3500))),
            Map.entry(Category.BEAUTY, List.of(new Kind("hair dryer", List.of("Dyson", "Philips"), NONE, 2000, 25000))),
            Map.entry(Category.OTHER, List.of(new Kind("houseplant pot", List.of("Elho"), NONE, 500, 2500))));

    private static final List<String> DESCRIPTIONS = List.of(
            "Worn a handful of times, no stains or holes.",
            "Moving house and it has to go. Smoke-free home.",
            "Bought last year, still in great shape. Happy to answer questions.",
            "Small mark on one side (see last photo), otherwise perfect.",
            "Barely used, original packaging included.",
            "Well loved but plenty of life left in it.");

    private final Random random;

    DemoCatalogue(long seed) {
        this.random = new Random(seed);
    }

    DemoListing next() {
        Category category = Category.values()[random.nextInt(Category.values().length)];
        List<Kind> kinds = KINDS.get(category);
        Kind kind = kinds.get(random.nextInt(kinds.size()));
        String brand = pick(kind.brands());
        Colour colour = Colour.values()[random.nextInt(Colour.values().length)];
        String size = kind.sizes().isEmpty() ? null : pick(kind.sizes());
        Condition condition = Condition.values()[random.nextInt(Condition.values().length)];
        // Prices end in 0 or 5 like people set them, and in whole minor units.
        long cents = (kind.minCents() + (long) (random.nextDouble() * (kind.maxCents() - kind.minCents()))) / 50 * 50;
        long shipping = random.nextInt(4) == 0 ? 0 : 300 + random.nextInt(5) * 100L;
        String title = capitalise(colour.slug()) + " " + brand + " " + kind.noun() + (size == null ? "" : ", " + size);
        return new DemoListing(
                title,
                pick(DESCRIPTIONS),
                new Money(cents, "EUR"),
                new Money(shipping, "EUR"),
                category,
                condition,
                size,
                brand,
                colour,
                1 + random.nextInt(3));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static String capitalise(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }
}
