package com.bazaar.platform.errors;

import com.bazaar.platform.web.StoreUnavailable;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.stereotype.Component;

/**
 * Reports every event handler that throws, then rethrows. It wraps the handler method itself, inside Axon's error
 * handling, because the processors' error handler logs and continues and a dead-letter queue parks the event: both
 * swallow the failure before a processor-level interceptor could see it. Retries and dead letters work as before.
 * A store outage is not reported per event: it is retried, logged, and seen by the health check.
 */
@Component
class SentryEventHandlerReporting implements HandlerEnhancerDefinition {

    private final ErrorReports reports;

    SentryEventHandlerReporting(ErrorReports reports) {
        this.reports = reports;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)) {
            return original;
        }
        String handler = original.declaringClass().getSimpleName();
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                try {
                    return super.handle(message, target);
                } catch (Exception | Error failure) {
                    if (!StoreUnavailable.causedBy(failure)) {
                        reports.failedEventHandler(failure, message, handler);
                    }
                    throw failure;
                }
            }
        };
    }
}
