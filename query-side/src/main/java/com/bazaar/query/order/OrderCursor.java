package com.bazaar.query.order;

import com.bazaar.platform.paging.SignedCursors;
import java.time.Instant;
import java.util.Map;

/** Position after the last order of a page, newest first: (placedAt, id). Signed by {@link SignedCursors}. */
record OrderCursor(Instant placedAt, String id) {

    private static final String KIND = "orders";

    String encode(SignedCursors cursors) {
        return cursors.encode(KIND, Map.of("placedAt", placedAt.toEpochMilli(), "id", id));
    }

    static OrderCursor decode(String cursor, SignedCursors cursors) {
        SignedCursors.Position position = cursors.decode(KIND, cursor);
        return new OrderCursor(Instant.ofEpochMilli(position.number("placedAt")), position.text("id"));
    }
}
