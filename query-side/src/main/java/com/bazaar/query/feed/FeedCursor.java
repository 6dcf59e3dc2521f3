package com.bazaar.query.feed;

import com.bazaar.platform.paging.SignedCursors;
import java.time.Instant;
import java.util.Map;

/**
 * Where the next page starts: the snapshot time {@code asOf} of the first page, the filter and sort it belongs to
 * ({@code query}, a digest), and the last item's sort key and listing id. Signed by {@link SignedCursors}, so a
 * cursor that was altered or made up is refused instead of paging from an arbitrary position.
 */
record FeedCursor(Instant asOf, String query, long key, String listingId) {

    private static final String KIND = "feed";

    String encode(SignedCursors cursors) {
        return cursors.encode(KIND, Map.of("asOf", asOf.toEpochMilli(), "q", query, "key", key, "id", listingId));
    }

    static FeedCursor decode(String cursor, SignedCursors cursors) {
        SignedCursors.Position position = cursors.decode(KIND, cursor);
        return new FeedCursor(
                Instant.ofEpochMilli(position.number("asOf")),
                position.text("q"),
                position.number("key"),
                position.text("id"));
    }
}
