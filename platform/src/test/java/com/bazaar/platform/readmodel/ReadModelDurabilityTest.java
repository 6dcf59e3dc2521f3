package com.bazaar.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

class ReadModelDurabilityTest {

    @Test
    void aBatchIsFlushedOnceAfterItsHandlersAndBeforeItsTokenIsCommitted() throws Exception {
        List<String> steps = new ArrayList<>();
        ReadModelDurability durability = () -> steps.add("flush");
        List<EventMessage<?>> batch = List.of(event("a"), event("b"), event("c"));
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
        // As a tracking processor does: its transaction (holding the token write) commits in the commit phase.
        unitOfWork.onCommit(committing -> steps.add("token committed"));

        unitOfWork.executeWithResult(() -> new DefaultInterceptorChain<>(
                        unitOfWork,
                        List.of(durability.beforeTokenCommit()),
                        message -> steps.add("handled " + message.getPayload()))
                .proceed());

        assertThat(steps).containsExactly("handled a", "handled b", "handled c", "flush", "token committed");
    }

    private static EventMessage<?> event(String payload) {
        return GenericEventMessage.asEventMessage(payload);
    }
}
