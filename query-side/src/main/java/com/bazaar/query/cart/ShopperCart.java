package com.bazaar.query.cart;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

import java.util.Map;

/** A shopper's lines: listing id → quantity, in the order they were added. */
@Document("#{@readModelCollections.name('cart_view')}")
record ShopperCart(@Id String id, long version, Map<String, Integer> lines) {

    static final String COLLECTION = "cart_view";
}
