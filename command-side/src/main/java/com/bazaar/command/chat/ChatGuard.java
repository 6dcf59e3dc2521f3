package com.bazaar.command.chat;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Finds contact data in a chat message: e-mail addresses, phone numbers and URLs, and proposes the text with those
 * spans replaced by {@code [removed]}. Phone numbers come from libphonenumber's matcher (for the configured default
 * region, plus any number written with a +country code) and a fallback for long digit runs in any region; e-mails and
 * URLs from regular expressions. Limits (spelled-out numbers, "name at domain dot com") are in docs/CHAT.md: the guard
 * is an aid for the admins who relay, not a wall.
 */
@Component
class ChatGuard {

    static final String REMOVED = "[removed]";

    record Verdict(String redactedText, List<String> flags) {

        boolean clean() {
            return flags.isEmpty();
        }
    }

    private record Span(int start, int end, String kind) {}

    private static final Pattern EMAIL = Pattern.compile(
            "[\\p{L}\\p{N}._%+-]+\\s*@\\s*[\\p{L}\\p{N}-]+(?:\\s*\\.\\s*[\\p{L}\\p{N}-]+)*\\s*\\.\\s*\\p{L}{2,}");
    /** Explicit schemes and www., or a bare host name with a common top-level domain (example.com/x). */
    private static final Pattern URL = Pattern.compile("(?i)\\b(?:(?:https?|ftp)://|www\\.)[^\\s<>\"]+"
            + "|\\b[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.(?:com|net|org|info|biz|io|co|me|app|shop|store"
            + "|online|site|xyz|ly|gl|to|de|uk|fr|es|it|nl|eu|us|ca|au|ch|at|be|pl|se)\\b(?:/[^\\s<>\"]*)?");
    /** Seven or more digits, optionally grouped by spaces, dots, dashes or brackets: a phone number in any region. */
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\(?\\d(?:[\\s.()/-]{0,2}\\d){6,}");

    private final PhoneNumberUtil phoneNumbers = PhoneNumberUtil.getInstance();
    private final String defaultRegion;

    ChatGuard(ChatProperties properties) {
        this.defaultRegion = properties.phoneRegion();
    }

    Verdict check(String text) {
        List<Span> spans = new ArrayList<>();
        find(EMAIL, text, "EMAIL", spans);
        find(URL, text, "URL", spans);
        for (PhoneNumberMatch match :
                phoneNumbers.findNumbers(text, defaultRegion, PhoneNumberUtil.Leniency.POSSIBLE, Long.MAX_VALUE)) {
            spans.add(new Span(match.start(), match.end(), "PHONE"));
        }
        find(DIGIT_RUN, text, "PHONE", spans);
        if (spans.isEmpty()) {
            return new Verdict(text, List.of());
        }
        spans.sort(Comparator.comparingInt(Span::start)
                .thenComparing(Comparator.comparingInt(Span::end).reversed()));
        Set<String> flags = new TreeSet<>();
        StringBuilder redacted = new StringBuilder();
        int position = 0;
        for (Span span : spans) {
            flags.add(span.kind());
            if (span.end() <= position) {
                continue;
            }
            if (span.start() >= position) {
                redacted.append(text, position, span.start()).append(REMOVED);
            }
            position = span.end();
        }
        redacted.append(text.substring(position));
        return new Verdict(redacted.toString(), List.copyOf(flags));
    }

    private static void find(Pattern pattern, String text, String kind, List<Span> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(new Span(matcher.start(), matcher.end(), kind));
        }
    }
}
