package com.bazaar.contracts.chat;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A message reached the other side as {@code deliveredText}. {@code relayedBy}: the admin who released it, null when
 * the policy let it through at once; {@code edited}: the admin changed the text. Repeats the original and its time so
 * that each event alone can build the sender's view of the message. Revision 1.
 */
@Revision("1")
public record ChatMessageRelayed(
        String threadId,
        String messageId,
        ChatSide from,
        ChatSide to,
        String text,
        Instant submittedAt,
        String deliveredText,
        String relayedBy,
        boolean edited) {}
