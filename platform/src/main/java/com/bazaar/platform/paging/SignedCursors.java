package com.bazaar.platform.paging;

import com.bazaar.contracts.common.InvalidInputException;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one way paging cursors are made (feed, orders, audit): the position of the last item handed out as a small JSON
 * object, signed as a compact JWS (HMAC-SHA256) so that a cursor that was altered, made up or taken from another kind
 * of list is refused instead of paging from an arbitrary place. Opaque to clients. Every node signs with the same
 * secret ({@code bazaar.feed.cursor-secret}, named after its first user), so any node continues any node's cursor.
 */
@Component
public class SignedCursors {

    private static final String KIND = "k";

    private final MACSigner signer;
    private final MACVerifier verifier;

    public SignedCursors(@Value("${bazaar.feed.cursor-secret:bazaar-feed-cursor}") String secret) {
        try {
            // HS256 needs a 256-bit key; hashing accepts a configured secret of any length.
            byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (NoSuchAlgorithmException | JOSEException unavailable) {
            throw new IllegalStateException("SHA-256 and HS256 are part of every JRE", unavailable);
        }
    }

    /** A cursor of the given {@code kind} (e.g. "feed") carrying {@code position} (strings and numbers). */
    public String encode(String kind, Map<String, Object> position) {
        Map<String, Object> claims = new LinkedHashMap<>(position);
        claims.put(KIND, kind);
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claims));
        try {
            jws.sign(signer);
        } catch (JOSEException unavailable) {
            throw new IllegalStateException("HS256 signing failed", unavailable);
        }
        return jws.serialize();
    }

    /**
     * The position inside a cursor this service handed out for {@code kind}; anything else is a 400 problem on the
     * {@code cursor} field.
     */
    public Position decode(String kind, String cursor) {
        try {
            JWSObject jws = JWSObject.parse(cursor);
            if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(verifier)) {
                throw notOurs();
            }
            Map<String, Object> claims = jws.getPayload().toJSONObject();
            if (claims == null || !kind.equals(claims.get(KIND))) {
                throw notOurs();
            }
            return new Position(claims);
        } catch (ParseException | JOSEException | IllegalStateException malformed) {
            throw notOurs();
        }
    }

    private static InvalidInputException notOurs() {
        return new InvalidInputException("cursor", "is not a cursor this service handed out");
    }

    /** The fields of a verified cursor; a missing or mistyped field is the same 400 as a forged cursor. */
    public record Position(Map<String, Object> fields) {

        public String text(String name) {
            if (fields.get(name) instanceof String value && !value.isEmpty()) {
                return value;
            }
            throw notOurs();
        }

        public long number(String name) {
            if (fields.get(name) instanceof Number value) {
                return value.longValue();
            }
            throw notOurs();
        }
    }
}
