package com.bazaar.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a string's UTF-8 bytes as lower-case hex: the form Apple's nonce claim uses and the key refresh tokens
 * are stored under. One copy, so both sides of identity hash the same way.
 */
public final class Sha256 {

    private Sha256() {}

    public static String hex(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's documented required algorithms).
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
