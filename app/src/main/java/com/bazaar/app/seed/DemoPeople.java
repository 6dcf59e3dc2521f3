package com.bazaar.app.seed;

import java.util.List;

/** Display names for demo sellers. */
final class DemoPeople {

    private static final List<String> FIRST = List.of(
            "Ana", "Ben", "Chloé", "Dev", "Emre", "Fatima", "Goran", "Hana", "Ines", "Jonas", "Kai", "Lena", "Malik",
            "Nora", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tove");
    private static final List<String> SHOP = List.of("'s closet", "'s finds", " vintage", "'s attic", " second hand");

    private DemoPeople() {}

    static String name(int seller) {
        return FIRST.get((seller - 1) % FIRST.size()) + SHOP.get(((seller - 1) / FIRST.size()) % SHOP.size());
    }
}
