package com.bazaar.contracts.order;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by checkout only: another order of the same checkout could not be placed, so this one is withdrawn before the
 * buyer ever saw it (all or nothing). Cancels the order if it is still unpaid; its listings are released by the usual
 * cancellation path. Idempotent.
 */
public record CancelFailedCheckout(
        @TargetAggregateIdentifier String orderId) {}
