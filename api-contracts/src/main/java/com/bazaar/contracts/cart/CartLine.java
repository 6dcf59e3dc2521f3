package com.bazaar.contracts.cart;

/** One line of a cart as checkout reads it. */
public record CartLine(String listingId, int quantity) {}
