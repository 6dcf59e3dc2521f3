package com.bazaar.platform.readmodel;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;

/**
 * Makes a read-model processor's writes durable before its token is: the store behind the read models may answer a
 * write before it is on disk (the embedded server does, to spare one disk sync per write), and then a token stored
 * first could outlive a crash that the writes it covers did not. Live processors of every {@link RebuildableReadModel}
 * and the rebuild processors call {@link #flush()} once per transaction, before the token is committed. Absent (a
 * real MongoDB, which acknowledges journaled writes), nothing is flushed.
 */
@FunctionalInterface
public interface ReadModelDurability {

    /** Puts every read-model write acknowledged so far on disk. */
    void flush();

    /** Flushes once per unit of work (a batch of events), in its prepare-commit phase: before the token's commit. */
    default MessageHandlerInterceptor<EventMessage<?>> beforeTokenCommit() {
        String registered = ReadModelDurability.class.getName();
        return (unitOfWork, chain) -> {
            if (unitOfWork.resources().putIfAbsent(registered, Boolean.TRUE) == null) {
                unitOfWork.onPrepareCommit(committing -> flush());
            }
            return chain.proceed();
        };
    }
}
