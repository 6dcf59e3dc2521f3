package com.bazaar.platform.errors;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.messaging.RequestMetadata;
import io.sentry.IScopes;
import io.sentry.ScopesAdapter;
import io.sentry.SentryLevel;
import io.sentry.protocol.User;
import org.axonframework.messaging.Message;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends the failures nobody handled to Sentry (docs/OPERATIONS.md, "Error reporting"): a request answered 500 and an
 * event handler that threw. Each report carries the request id and the acting user's id only; {@link SentryScrubber}
 * removes anything else that could name a person or a credential. With no {@code SENTRY_DSN} the SDK is disabled and
 * this sends nothing.
 */
@Component
public class ErrorReports {

    private final IScopes sentry;

    /** The SDK's scopes when its auto-configuration ran, else the global ones (a no-op until Sentry is initialised). */
    ErrorReports(ObjectProvider<IScopes> sentry) {
        this.sentry = sentry.getIfAvailable(ScopesAdapter::getInstance);
    }

    /** A request that failed for a reason no handler knew: the 500 path. */
    public void unhandledRequestFailure(Throwable failure, RequestMetadata request, String method, String path) {
        if (!sentry.isEnabled()) {
            return;
        }
        sentry.captureException(failure, scope -> {
            scope.setLevel(SentryLevel.ERROR);
            scope.setTag("kind", "request");
            scope.setTag(MetadataKeys.REQUEST_ID, request.requestId());
            scope.setTag("http.method", method);
            scope.setTag("http.path", path);
            scope.setUser(user(request.userId()));
        });
    }

    /** An event handler (projection, policy, saga) threw for {@code event}. */
    void failedEventHandler(Throwable failure, Message<?> event, String handler) {
        if (!sentry.isEnabled()) {
            return;
        }
        Object requestId = event.getMetaData().get(MetadataKeys.REQUEST_ID);
        Object userId = event.getMetaData().get(MetadataKeys.USER_ID);
        sentry.captureException(failure, scope -> {
            scope.setLevel(SentryLevel.ERROR);
            scope.setTag("kind", "event-handler");
            scope.setTag("event.type", event.getPayloadType().getSimpleName());
            scope.setTag("event.id", event.getIdentifier());
            scope.setTag("handler", handler);
            if (requestId != null) {
                scope.setTag(MetadataKeys.REQUEST_ID, requestId.toString());
            }
            scope.setUser(userId == null ? null : user(userId.toString()));
        });
    }

    private static User user(String id) {
        User user = new User();
        user.setId(id);
        return user;
    }
}
