package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The payment saga created the order's Stripe PaymentIntent. Idempotent: recording the same intent again changes
 * nothing. The intent's client secret is deliberately not part of it (it would let anyone who reads events pay).
 */
public record RecordPaymentIntent(@TargetAggregateIdentifier String orderId, String paymentIntentId) {}
