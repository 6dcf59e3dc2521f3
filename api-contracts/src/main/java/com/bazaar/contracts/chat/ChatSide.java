package com.bazaar.contracts.chat;

/** Who a chat message is from or to: the shopper who opened the thread, the seller, or the marketplace's admins. */
public enum ChatSide {
    BUYER,
    SELLER,
    ADMIN
}
