package com.bazaar.contracts.order;

/** One of the two accounts an order is between. */
public enum OrderParty {
    BUYER,
    SELLER
}
