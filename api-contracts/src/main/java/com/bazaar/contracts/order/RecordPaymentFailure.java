package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment provider reports a failed attempt; the buyer may try again until the deadline. */
public record RecordPaymentFailure(
        @TargetAggregateIdentifier String orderId, String paymentReference, String reason) {}
