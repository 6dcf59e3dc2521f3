package com.bazaar.contracts.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin writes to one side of a thread. Answers a {@link SentChatMessage}. */
public record SendAdminChatMessage(
        @TargetAggregateIdentifier String threadId, ChatSide to, String text) {}
