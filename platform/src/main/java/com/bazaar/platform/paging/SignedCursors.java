package com.bazaar.platform.paging;

import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.signing.HmacJws;
import com.nimbusds.jose.Payload;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The one way paging cursors are made (feed, orders, audit): the position of the last item handed out as a small JSON
 * object, signed as a compact JWS (HMAC-SHA256, {@link HmacJws}) so that a cursor that was altered, made up or taken from another kind
 * of list is refused instead of paging from an arbitrary place. Opaque to clients. Every node signs with the same
 * secret ({@code bazaar.feed.cursor-secret}, named after its first user), so any node continues any node's cursor.
 */
@Component
public class SignedCursors {

    private static final String KIND = "k";

    private final HmacJws jws;

    public SignedCursors(@Value("${bazaar.feed.cursor-secret:bazaar-feed-cursor}") String secret) {
        this.jws = new HmacJws(secret);
    }

    /** A cursor of the given {@code kind} (e.g. "feed") carrying {@code position} (strings and numbers). */
    public String encode(String kind, Map<String, Object> position) {
        Map<String, Object> claims = new LinkedHashMap<>(position);
        claims.put(KIND, kind);
        return jws.sign(new Payload(claims));
    }

    /**
     * The position inside a cursor this service handed out for {@code kind}; anything else is a 400 problem on the
     * {@code cursor} field.
     */
    public Position decode(String kind, String cursor) {
        Map<String, Object> claims =
                jws.verify(cursor).map(Payload::toJSONObject).orElseThrow(SignedCursors::notOurs);
        if (!kind.equals(claims.get(KIND))) {
            throw notOurs();
        }
        return new Position(claims);
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
