package com.bazaar.platform.messaging;

import com.bazaar.platform.web.StoreUnavailable;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.LoggingErrorHandler;

/**
 * Every event processor's error handler. Axon's default logs a failing event handler and moves the processor's token
 * on, so a projection that could not reach MongoDB for a moment would skip that event for good (seen in
 * StoreOutageTest: "failed to handle event ... Continuing processing with next listener"). A failure caused by the
 * store being unavailable is rethrown instead: the work package aborts and the processor retries the batch with
 * back-off from its last token, and the idempotent projections make the retry harmless. Other failures keep Axon's
 * default (log and continue), so one bad event cannot stop a projection.
 */
final class RetryWhileStoreUnavailable implements ListenerInvocationErrorHandler {

    private final ListenerInvocationErrorHandler otherwise = new LoggingErrorHandler();

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) throws Exception {
        if (StoreUnavailable.causedBy(exception)) {
            throw exception;
        }
        otherwise.onError(exception, event, eventHandler);
    }
}
