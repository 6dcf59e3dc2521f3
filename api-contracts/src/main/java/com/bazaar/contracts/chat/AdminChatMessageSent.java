package com.bazaar.contracts.chat;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin wrote to one side of the thread. Revision 1. */
@Revision("1")
public record AdminChatMessageSent(
        String threadId, String messageId, ChatSide to, String text, String adminId, Instant sentAt) {}
