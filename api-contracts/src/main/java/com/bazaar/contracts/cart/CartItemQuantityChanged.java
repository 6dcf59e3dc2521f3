package com.bazaar.contracts.cart;

import org.axonframework.serialization.Revision;

/** Revision 1. */
@Revision("1")
public record CartItemQuantityChanged(String cartId, String requestId, String listingId, int quantity) {}
