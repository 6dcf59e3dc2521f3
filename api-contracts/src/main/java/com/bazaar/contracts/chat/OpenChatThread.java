package com.bazaar.contracts.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens the thread about {@code subjectType}/{@code subjectId} ("listing" or "order") between a buyer and a seller,
 * or finds it open already. Answers {@code true} when this call opened it.
 */
public record OpenChatThread(
        @TargetAggregateIdentifier String threadId,
        String subjectType,
        String subjectId,
        String buyerId,
        String sellerId) {}
