package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/** The buyer got the money back. Revision 1. */
@Revision("1")
public record OrderRefunded(String orderId, String refundReference) {}
