package com.bazaar.query.cart;

import java.util.Map;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A shopper's lines: listing id → quantity, in the order they were added. */
@Document("#{@readModelCollections.name('cart_view')}")
record ShopperCart(@Id String id, long version, Map<String, Integer> lines) {

    static final String COLLECTION = "cart_view";
}
