package com.bazaar.contracts.chat;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A participant writes; the acting user (metadata) decides the side. A repeated {@code clientMessageId} from the same
 * side answers the first message again. Answers a {@link SentChatMessage}.
 */
public record SendChatMessage(@TargetAggregateIdentifier String threadId, String clientMessageId, String text) {}
