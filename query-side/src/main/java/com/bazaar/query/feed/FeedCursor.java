package com.bazaar.query.feed;

import com.bazaar.contracts.common.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;

/**
 * Where the next page starts: the snapshot time {@code asOf} of the first page, the filter and sort it belongs to
 * ({@code query}, a digest), and the last item's sort key and listing id. Opaque to clients (base64url), versioned,
 * and signed (HMAC-SHA256, truncated), so a cursor that was altered or made up is refused instead of paging from an
 * arbitrary position. Layout: {@code v2|asOfMillis|query|key|listingId|mac}.
 */
record FeedCursor(Instant asOf, String query, long key, String listingId) {

    private static final String VERSION = "v2";
    private static final int MAC_BYTES = 16;

    String encode(byte[] secret) {
        String payload = payload();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (payload + "|" + mac(payload, secret)).getBytes(StandardCharsets.UTF_8));
    }

    static FeedCursor decode(String cursor, byte[] secret) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
            if (parts.length != 6 || !VERSION.equals(parts[0]) || parts[4].isEmpty()) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            FeedCursor decoded = new FeedCursor(Instant.ofEpochMilli(Long.parseLong(parts[1])), parts[2],
                    Long.parseLong(parts[3]), parts[4]);
            if (!MessageDigest.isEqual(mac(decoded.payload(), secret).getBytes(StandardCharsets.UTF_8),
                    parts[5].getBytes(StandardCharsets.UTF_8))) {
                throw new IllegalArgumentException("signature does not match");
            }
            return decoded;
        } catch (IllegalArgumentException | java.time.DateTimeException malformed) {
            throw new InvalidInputException("cursor", "is not a cursor this service handed out");
        }
    }

    private String payload() {
        return VERSION + "|" + asOf.toEpochMilli() + "|" + query + "|" + key + "|" + listingId;
    }

    private static String mac(String payload, byte[] secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    Arrays.copyOf(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)), MAC_BYTES));
        } catch (GeneralSecurityException unavailable) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", unavailable);
        }
    }
}
