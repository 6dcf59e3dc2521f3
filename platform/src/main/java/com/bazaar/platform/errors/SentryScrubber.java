package com.bazaar.platform.errors;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The last look at every Sentry event before it leaves: only the user's id stays; the request keeps its method and
 * path, never headers, cookies, query string or body; breadcrumbs and extras (log lines, which may quote anything) are
 * dropped; e-mail addresses, bearer tokens and JWTs in messages are masked. {@code send-default-pii=false} already
 * keeps most of this out; this holds even if someone turns it on.
 */
@Component
class SentryScrubber implements SentryOptions.BeforeSendCallback {

    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[A-Za-z0-9._~+/=-]+");
    private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
    static final String MASK = "[redacted]";

    @Override
    public SentryEvent execute(SentryEvent event, Hint hint) {
        User user = event.getUser();
        if (user != null) {
            User idOnly = new User();
            idOnly.setId(user.getId());
            event.setUser(idOnly);
        }
        Request request = event.getRequest();
        if (request != null) {
            Request methodAndPath = new Request();
            methodAndPath.setMethod(request.getMethod());
            methodAndPath.setUrl(
                    request.getUrl() == null ? null : request.getUrl().replaceFirst("\\?.*$", ""));
            event.setRequest(methodAndPath);
        }
        event.setBreadcrumbs(null);
        event.setExtras(null);
        Message message = event.getMessage();
        if (message != null) {
            message.setFormatted(mask(message.getFormatted()));
            message.setMessage(mask(message.getMessage()));
            message.setParams(null);
        }
        if (event.getExceptions() != null) {
            for (SentryException exception : event.getExceptions()) {
                exception.setValue(mask(exception.getValue()));
            }
        }
        return event;
    }

    static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = BEARER.matcher(text).replaceAll(MASK);
        masked = JWT.matcher(masked).replaceAll(MASK);
        return EMAIL.matcher(masked).replaceAll(MASK);
    }
}
