package com.bazaar.contracts.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin refuses a held message; the sender sees the reason. */
public record RejectChatMessage(@TargetAggregateIdentifier String threadId, String messageId, String reason) {}
