package com.bazaar.contracts.common;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units of an ISO-4217 currency (2500 EUR = 25.00 EUR).
 * Never a floating point number: rounding errors in prices and totals are not recoverable once shown or charged.
 */
public record Money(long amount, String currency) {

    /** Upper bound for a single price: keeps sums of many lines far away from {@code long} overflow. */
    public static final long MAX_AMOUNT = 100_000_000_00L;

    public Money {
        Objects.requireNonNull(currency, "currency");
        if (amount < 0 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be between 0 and " + MAX_AMOUNT + " minor units");
        }
        if (!isIsoCurrency(currency)) {
            throw new IllegalArgumentException("currency must be an upper-case ISO-4217 code");
        }
    }

    public static boolean isIsoCurrency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException unknown) {
            return false;
        }
    }
}
