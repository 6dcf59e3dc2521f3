package com.bazaar.contracts.cart;

/** The shopper's cart with current prices and availability. Answers a {@link CartView} (empty if none yet). */
public record FindCart(String cartId) {}
