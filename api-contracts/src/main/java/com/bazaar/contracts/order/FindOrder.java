package com.bazaar.contracts.order;

/**
 * One order as {@code viewerId} may see it: its buyer, its seller, or staff ({@code staff}: admin or support).
 * Answers an {@code Optional<OrderView>}, empty for everyone else.
 */
public record FindOrder(String orderId, String viewerId, boolean staff) {}
