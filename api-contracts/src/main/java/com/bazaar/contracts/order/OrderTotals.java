package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;

/** Sums of an order in one currency: {@code total = items + shipping}. */
public record OrderTotals(Money items, Money shipping, Money total) {
}
