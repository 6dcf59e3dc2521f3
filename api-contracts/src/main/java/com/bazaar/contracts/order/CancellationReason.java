package com.bazaar.contracts.order;

/** Why an order ended unpaid. */
public enum CancellationReason {
    /** The buyer cancelled before paying. */
    BUYER,
    /** Nobody paid before the deadline. */
    EXPIRED
}
