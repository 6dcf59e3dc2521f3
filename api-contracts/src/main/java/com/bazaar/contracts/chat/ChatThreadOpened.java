package com.bazaar.contracts.chat;

import org.axonframework.serialization.Revision;

/** A shopper opened a thread about a listing or an order ({@code subjectType} "listing" or "order"). Revision 1. */
@Revision("1")
public record ChatThreadOpened(
        String threadId, String subjectType, String subjectId, String buyerId, String sellerId) {}
