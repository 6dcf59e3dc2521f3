package com.bazaar.identity.account;

import java.util.Locale;

/** One spelling per mailbox: "  Ann@Example.COM " and "ann@example.com" are the same account. */
final class EmailAddress {

    private EmailAddress() {}

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}
