package com.bazaar.contracts.order;

/**
 * One page of the orders {@code partyId} is the buyer of ({@code BUYER}: "my orders") or the seller of
 * ({@code SELLER}: "my sales"), newest first. Answers an {@link OrderPage}.
 */
public record FindOrders(String partyId, Party party, String cursor, int limit) {

    public enum Party {
        BUYER,
        SELLER
    }

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;
}
