package com.bazaar.contracts.cart;

import org.axonframework.serialization.Revision;

/** A listing went into the cart. Revision 1. */
@Revision("1")
public record CartItemAdded(String cartId, String requestId, String listingId, int quantity) {}
