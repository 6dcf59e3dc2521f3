package com.bazaar.contracts.chat;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An admin refused a held message; only the sender (and admins) ever see it, with the reason. Revision 1. */
@Revision("1")
public record ChatMessageRejected(
        String threadId,
        String messageId,
        ChatSide from,
        String text,
        Instant submittedAt,
        String reason,
        String rejectedBy) {}
