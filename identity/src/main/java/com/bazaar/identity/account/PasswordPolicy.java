package com.bazaar.identity.account;

import com.bazaar.contracts.common.InvalidInputException;
import com.nulabinc.zxcvbn.Feedback;
import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.List;
import java.util.Locale;

/**
 * NIST SP 800-63B style: length over composition rules. At least 10 characters (at most 128, so hashing and the
 * strength estimate stay bounded), not the email or its local part, and not easy to guess as judged by zxcvbn4j
 * (its frequency lists of common passwords, names and words, plus keyboard walks, sequences, repeats and dates):
 * an estimate below {@link #MIN_SCORE} is rejected with zxcvbn's own warning and advice. Why zxcvbn and not Passay:
 * docs/SECURITY.md.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    /** zxcvbn's 3: about 10^8 guesses or more, "safely unguessable" against online attacks and slow offline hashing. */
    static final int MIN_SCORE = 3;

    /** Immutable once built (its dictionaries are read at construction), so one instance serves every request. */
    private static final Zxcvbn STRENGTH = new Zxcvbn();

    private PasswordPolicy() {}

    static void check(String password, String normalisedEmail) {
        if (password.length() < MIN_LENGTH || password.length() > MAX_LENGTH) {
            throw new InvalidInputException(
                    "password", "must be between " + MIN_LENGTH + " and " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String localPart = normalisedEmail.contains("@")
                ? normalisedEmail.substring(0, normalisedEmail.indexOf('@'))
                : normalisedEmail;
        if (lower.equals(normalisedEmail) || lower.equals(localPart)) {
            throw new InvalidInputException("password", "must not be your email address");
        }
        // The email and its local part as user inputs, so "anna.berlin2024" for anna.berlin@… scores as weak.
        Strength strength = STRENGTH.measure(password, List.of(normalisedEmail, localPart));
        if (strength.getScore() < MIN_SCORE) {
            throw new InvalidInputException("password", "is too easy to guess" + reason(strength.getFeedback()));
        }
    }

    /** zxcvbn's warning ("This is a top-100 common password.") and advice, in English like the rest of the API. */
    private static String reason(Feedback feedback) {
        StringBuilder reason = new StringBuilder();
        String warning = feedback.getWarning(Locale.ENGLISH);
        if (warning != null && !warning.isBlank()) {
            reason.append(": ").append(warning.strip());
        }
        List<String> suggestions = feedback.getSuggestions(Locale.ENGLISH);
        if (suggestions != null && !suggestions.isEmpty()) {
            reason.append(reason.isEmpty() ? ": " : " ").append(String.join(" ", suggestions));
        }
        return reason.toString();
    }
}
