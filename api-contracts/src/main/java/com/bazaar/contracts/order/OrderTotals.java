package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;
import java.util.List;

/** Sums of an order in one currency: {@code total = items + shipping}. */
public record OrderTotals(Money items, Money shipping, Money total) {

    /**
     * The totals of these lines, in minor units with overflow checks.
     *
     * @throws IllegalArgumentException for no lines or lines in more than one currency
     */
    public static OrderTotals of(List<OrderLine> lines) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        String currency = lines.get(0).unitPrice().currency();
        long items = 0;
        long shipping = 0;
        for (OrderLine line : lines) {
            if (!line.unitPrice().currency().equals(currency)
                    || !line.shippingPrice().currency().equals(currency)) {
                throw new IllegalArgumentException("an order is paid in one currency");
            }
            items = Math.addExact(items, Math.multiplyExact(line.unitPrice().amount(), line.quantity()));
            shipping = Math.addExact(shipping, line.shippingPrice().amount());
        }
        return new OrderTotals(
                new Money(items, currency),
                new Money(shipping, currency),
                new Money(Math.addExact(items, shipping), currency));
    }
}
