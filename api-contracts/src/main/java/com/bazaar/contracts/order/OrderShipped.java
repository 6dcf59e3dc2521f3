package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/** Revision 1. */
@Revision("1")
public record OrderShipped(String orderId, String carrier, String trackingNumber) {}
