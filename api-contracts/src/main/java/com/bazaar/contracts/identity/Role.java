package com.bazaar.contracts.identity;

/**
 * What a user may do beyond their own resources. Everyone is a {@code SHOPPER} (a shopper can also sell);
 * {@code ADMIN} relays chats, refunds and manages roles; {@code SUPPORT} reads the audit trail and rebuilds read models.
 */
public enum Role {
    SHOPPER,
    ADMIN,
    SUPPORT
}
