package com.bazaar.query.order;

import com.bazaar.contracts.common.InvalidInputException;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/** Position after the last order of a page, newest first: (placedAt, id). Opaque to clients and versioned. */
record OrderCursor(Instant placedAt, String id) {

    private static final String VERSION = "o1";

    String encode() {
        String raw = VERSION + "|" + placedAt.toEpochMilli() + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static OrderCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[2].isEmpty()) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            return new OrderCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2]);
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException("cursor", "is not a cursor this service handed out");
        }
    }
}
