package com.bazaar.contracts.cart;

import org.axonframework.serialization.Revision;

/** Revision 1. */
@Revision("1")
public record CartCleared(String cartId, String requestId) {}
