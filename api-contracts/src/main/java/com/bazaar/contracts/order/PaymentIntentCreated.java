package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/** The order can be paid through this Stripe PaymentIntent. Revision 1. */
@Revision("1")
public record PaymentIntentCreated(String orderId, String paymentIntentId) {}
