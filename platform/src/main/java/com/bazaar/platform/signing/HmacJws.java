package com.bazaar.platform.signing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.util.Optional;

/**
 * The one signing idiom for opaque tokens this service hands out and takes back (paging cursors, read-your-writes
 * tokens): a compact JWS, HMAC-SHA256, made and checked by Nimbus JOSE. Only HS256 is accepted back, so a token cannot
 * choose a weaker algorithm or "none". Every node configured with the same secret accepts every node's tokens.
 */
public final class HmacJws {

    private final MACSigner signer;
    private final MACVerifier verifier;

    public HmacJws(String secret) {
        try {
            // HS256 needs a 256-bit key; hashing accepts a configured secret of any length.
            byte[] key = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (NoSuchAlgorithmException | JOSEException unavailable) {
            throw new IllegalStateException("SHA-256 and HS256 are part of every JRE", unavailable);
        }
    }

    /** {@code payload} signed, in the JWS compact form ({@code header.payload.signature}, base64url). */
    public String sign(Payload payload) {
        JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), payload);
        try {
            jws.sign(signer);
        } catch (JOSEException unavailable) {
            throw new IllegalStateException("HS256 signing failed", unavailable);
        }
        return jws.serialize();
    }

    /** The payload of a token signed with this secret, or empty for anything else (malformed, altered, foreign). */
    public Optional<Payload> verify(String token) {
        try {
            JWSObject jws = JWSObject.parse(token);
            if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(verifier)) {
                return Optional.empty();
            }
            return Optional.of(jws.getPayload());
        } catch (ParseException | JOSEException | IllegalStateException malformed) {
            return Optional.empty();
        }
    }
}
