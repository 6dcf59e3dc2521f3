package com.bazaar.query.feed;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Free-text search without a text index (the embedded server has no {@code $text}): titles and descriptions become a
 * {@code terms} array of normalised words plus their prefixes of at least {@value #MIN_PREFIX} characters, and a
 * query matches when the listing has every one of its words ({@code $all}, served by a multikey index on MongoDB).
 */
final class SearchTerms {

    static final int MIN_PREFIX = 3;
    /** Longer words are cut: nobody types 40 characters to find an item, and it bounds the array. */
    private static final int MAX_WORD = 20;

    private SearchTerms() {}

    /** What a listing is found by. */
    static List<String> index(String... texts) {
        Set<String> terms = new LinkedHashSet<>();
        for (String text : texts) {
            for (String word : words(text)) {
                terms.add(word);
                for (int length = MIN_PREFIX; length < word.length(); length++) {
                    terms.add(word.substring(0, length));
                }
            }
        }
        return List.copyOf(terms);
    }

    /** The words a query must all find. */
    static List<String> query(String text) {
        return List.copyOf(new LinkedHashSet<>(words(text)));
    }

    /** Case-, accent- and spacing-insensitive form for exact-match attributes (size, brand); null stays null. */
    static String normalise(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return fold(value).strip().replaceAll("\\s+", " ");
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(fold(text).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> !word.isEmpty())
                .map(word -> word.length() > MAX_WORD ? word.substring(0, MAX_WORD) : word)
                .toList();
    }

    private static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT);
    }
}
