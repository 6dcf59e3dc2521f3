package com.bazaar.contracts.order;

/** Why an order ended unpaid. */
public enum CancellationReason {
    /** The buyer cancelled before paying. */
    BUYER,
    /** Nobody paid before the deadline. */
    EXPIRED,
    /**
     * Another order of the same checkout could not be placed, so checkout withdrew this one (all or nothing). Added
     * after revision 1 of {@link OrderCancelled}; older readers never saw it because older code never cancelled so.
     */
    CHECKOUT_FAILED
}
