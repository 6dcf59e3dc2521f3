package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/** A payment attempt failed; the order can still be paid before its deadline. Revision 1. */
@Revision("1")
public record OrderPaymentFailed(String orderId, String paymentReference, String reason) {}
