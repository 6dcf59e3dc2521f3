package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The payment provider confirms the money went back to the buyer. */
public record ConfirmRefund(@TargetAggregateIdentifier String orderId, String refundReference) {}
