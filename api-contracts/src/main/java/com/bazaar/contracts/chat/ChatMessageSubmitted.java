package com.bazaar.contracts.chat;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A participant wrote {@code text} ({@code clientMessageId}: the app's id for it, which makes retries idempotent) (the original, for the sender and admins only). {@code redactedText} is the text
 * with the guard's {@code flags} spans (EMAIL, PHONE, URL) replaced; {@code held}: it waits for an admin. Revision 1.
 */
@Revision("1")
public record ChatMessageSubmitted(
        String threadId,
        String messageId,
        String clientMessageId,
        String senderId,
        ChatSide from,
        String text,
        String redactedText,
        List<String> flags,
        boolean held,
        Instant submittedAt) {

    public ChatMessageSubmitted {
        flags = List.copyOf(flags);
    }
}
