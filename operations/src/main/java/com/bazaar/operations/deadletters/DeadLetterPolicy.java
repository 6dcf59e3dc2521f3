package com.bazaar.operations.deadletters;

import com.bazaar.platform.web.StoreUnavailable;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;
import org.axonframework.messaging.deadletter.ThrowableCause;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What a processor with a dead-letter queue does when a handler throws: it parks the event (and, to keep their order,
 * every later event of the same aggregate) and goes on with the rest. The queues themselves are storage-specific and
 * enabled per processor with {@code axon.eventhandling.processors.NAME.dlq.enabled} (application.yml).
 *
 * <p>Two exceptions to parking. A failure because MongoDB is unavailable is not the event's fault: it is rethrown, the
 * processor retries the batch from its token with back-off, exactly as {@code RetryWhileStoreUnavailable} does for
 * processors without a queue. And each parked letter counts the retries that failed again in its diagnostics.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics entry: how many times staff (or a later process) retried the letter and it failed again. */
    static final String RETRIES = "retries";

    @Bean
    ConfigurerModule parkFailingEvents() {
        return configurer -> configurer.eventProcessing(
                processing -> processing.registerDefaultDeadLetterPolicy(configuration -> this));
    }

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        if (StoreUnavailable.causedBy(cause)) {
            throw new StoreUnavailableWhileHandling(cause);
        }
        Object previous = letter.diagnostics().get(RETRIES);
        // A fresh letter has no diagnostics yet; a letter that failed again on retry has its count.
        int retries = previous instanceof Number number ? number.intValue() + 1 : 0;
        return Decisions.enqueue(
                ThrowableCause.truncated(cause), failed -> failed.diagnostics().and(RETRIES, retries));
    }

    static int retries(DeadLetter<?> letter) {
        return letter.diagnostics().get(RETRIES) instanceof Number number ? number.intValue() : 0;
    }

    /** Aborts the batch so the processor retries it; never parks the event. */
    static final class StoreUnavailableWhileHandling extends RuntimeException {

        StoreUnavailableWhileHandling(Throwable cause) {
            super("The store is unavailable; the batch is retried from the processor's token", cause);
        }
    }
}
