package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment provider reports the order paid; {@code paymentReference} is its id (Stripe PaymentIntent). */
public record ConfirmPayment(@TargetAggregateIdentifier String orderId, String paymentReference) {}
