package com.bazaar.operations.audit;

import com.bazaar.contracts.common.InvalidInputException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;

/**
 * A position in one audit query: the sort key of the last entry handed out, bound to the query's filters and order.
 * Opaque (base64url) and sealed with an HMAC so that an altered or made-up cursor is refused rather than paging from
 * an arbitrary place. The key is not a secret: a reader may see everything a cursor could reach anyway, so the seal
 * only needs to detect tampering, and every node computes the same one without shared configuration.
 */
final class AuditCursor {

    private static final String VERSION = "a1";
    private static final String SEAL_KEY = "bazaar-audit-cursor";
    private static final int SEAL_BYTES = 16;

    private AuditCursor() {
    }

    static String encode(String queryFingerprint, String sortKey) {
        String body = VERSION + "|" + queryFingerprint + "|" + sortKey;
        byte[] raw = (body + "|" + Base64.getUrlEncoder().withoutPadding().encodeToString(seal(body)))
                .getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }

    /** The sort key {@code cursor} continues after; refuses one that was altered or belongs to another query. */
    static String decode(String cursor, String queryFingerprint) {
        String body;
        byte[] seal;
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int lastBar = raw.lastIndexOf('|');
            if (lastBar < 0) {
                throw new IllegalArgumentException("no seal");
            }
            body = raw.substring(0, lastBar);
            seal = Base64.getUrlDecoder().decode(raw.substring(lastBar + 1));
        } catch (IllegalArgumentException malformed) {
            throw notOurs();
        }
        if (!MessageDigest.isEqual(seal, seal(body))) {
            throw notOurs();
        }
        String[] parts = body.split("\\|", 3);
        if (parts.length != 3 || !VERSION.equals(parts[0])) {
            throw notOurs();
        }
        if (!parts[1].equals(queryFingerprint)) {
            throw new InvalidInputException("cursor", "belongs to other filters or another order; start from the first page");
        }
        return parts[2];
    }

    private static InvalidInputException notOurs() {
        return new InvalidInputException("cursor", "is not a cursor this service handed out");
    }

    private static byte[] seal(String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SEAL_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Arrays.copyOf(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)), SEAL_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
