package com.bazaar.query.feed;

import com.bazaar.contracts.common.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Position after the last item of a page in the newest-first order: (publishedAt, id), id breaking ties. Opaque to
 * clients (base64url) and versioned, so the format can change without breaking cursors already handed out.
 */
record FeedCursor(Instant publishedAt, String id) {

    private static final String VERSION = "v1";

    String encode() {
        String raw = VERSION + "|" + publishedAt.toEpochMilli() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static FeedCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            return new FeedCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException("cursor", "is not a cursor this service handed out");
        }
    }
}
