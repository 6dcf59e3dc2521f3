package com.bazaar.contracts.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An admin delivers a held message, redacted as the guard proposed or as {@code editedText} when not null. */
public record RelayChatMessage(@TargetAggregateIdentifier String threadId, String messageId, String editedText) {}
