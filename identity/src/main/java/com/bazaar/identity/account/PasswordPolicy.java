package com.bazaar.identity.account;

import com.bazaar.contracts.common.InvalidInputException;

import java.util.Locale;
import java.util.Set;

/**
 * NIST SP 800-63B style: length over composition rules. At least 10 characters (at most 128, so hashing stays
 * bounded), not the email or its local part, not one repeated character, not one of the most common passwords.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;

    private static final Set<String> COMMON = Set.of(
            "1234567890", "0123456789", "12345678910", "qwertyuiop", "password12", "password123", "password1234",
            "iloveyou12", "1q2w3e4r5t", "qwerty1234", "letmein123", "welcome123", "abcdefghij", "football12");

    private PasswordPolicy() {
    }

    static void check(String password, String normalisedEmail) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new InvalidInputException("password",
                    "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = normalisedEmail.contains("@")
                ? normalisedEmail.substring(0, normalisedEmail.indexOf('@')) : normalisedEmail;
        if (lower.equals(normalisedEmail) || lower.equals(localPart)) {
            throw new InvalidInputException("password", "must not be your email address");
        }
        if (password.chars().distinct().count() == 1) {
            throw new InvalidInputException("password", "must not be one repeated character");
        }
        if (COMMON.contains(lower)) {
            throw new InvalidInputException("password", "is too common");
        }
    }
}
