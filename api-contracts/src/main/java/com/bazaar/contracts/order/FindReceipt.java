package com.bazaar.contracts.order;

/** The receipt of a paid order, for the same viewers as {@link FindOrder}. Answers an {@code Optional<Receipt>}. */
public record FindReceipt(String orderId, String viewerId, boolean staff) {}
