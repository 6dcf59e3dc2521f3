package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;
import org.axonframework.serialization.Revision;

/**
 * A refund of {@code amount} was asked for by {@code requestedBy}; the payment saga creates it at the payment provider
 * and the order becomes REFUNDED when the provider confirms. Revision 1.
 */
@Revision("1")
public record OrderRefundRequested(String orderId, String paymentReference, Money amount, String requestedBy) {}
