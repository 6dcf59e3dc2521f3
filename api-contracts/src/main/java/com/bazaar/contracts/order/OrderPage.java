package com.bazaar.contracts.order;

import java.util.List;

/** A page of orders; {@code nextCursor} is null on the last page. */
public record OrderPage(List<OrderView> items, String nextCursor) {

    public OrderPage {
        items = List.copyOf(items);
    }
}
