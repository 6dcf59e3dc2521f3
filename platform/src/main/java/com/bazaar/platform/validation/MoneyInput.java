package com.bazaar.platform.validation;

import com.bazaar.contracts.common.Money;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** A price as the API accepts it: {@code {"amount": 2500, "currency": "EUR"}}, amount in minor units. */
public record MoneyInput(
        @NotNull @Positive @Max(Money.MAX_AMOUNT) Long amount,
        @NotNull @IsoCurrency String currency) {

    public Money toMoney() {
        return new Money(amount, currency);
    }
}
