package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/** Revision 1. */
@Revision("1")
public record OrderDelivered(String orderId) {
}
