package com.bazaar.contracts.chat;

import com.bazaar.contracts.common.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A position in one thread: the sequence number of the thread's event that last changed an entry. Opaque to clients
 * (base64 of a versioned string) so the encoding can change; only ever compared within one thread.
 */
public final class ChatCursor {

    private static final String VERSION = "c1|";

    private ChatCursor() {}

    public static String encode(long sequence) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((VERSION + sequence).getBytes(StandardCharsets.UTF_8));
    }

    /** The sequence of {@code cursor}; -1 (before everything) for null or blank. */
    public static long decode(String cursor, String field) {
        if (cursor == null || cursor.isBlank()) {
            return -1;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!raw.startsWith(VERSION)) {
                throw new IllegalArgumentException("unknown cursor layout");
            }
            long sequence = Long.parseLong(raw.substring(VERSION.length()));
            if (sequence < 0) {
                throw new IllegalArgumentException("negative");
            }
            return sequence;
        } catch (IllegalArgumentException malformed) {
            throw new InvalidInputException(field, "is not a cursor this service handed out");
        }
    }
}
