package com.bazaar.platform.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.Test;

/**
 * When a projection's held writes are sent: once, after the batch's last event and before its commit (where the
 * processor stores its token); a failing flush fails the batch, so that token is never stored.
 */
class BatchedWritesTest {

    private final List<String> log = new ArrayList<>();

    @Test
    void heldWritesAreSentOnceAfterTheLastEventAndBeforeTheTokenIsStored() {
        ResultMessage<?> result = runBatch(List.of("a", "b", "c"), false);

        assertThat(result.isExceptional()).isFalse();
        assertThat(log).containsExactly("handled a", "handled b", "handled c", "flushed [a, b, c]", "token stored");
    }

    @Test
    void aFailingFlushFailsTheBatchBeforeItsTokenIsStored() {
        ResultMessage<?> result = runBatch(List.of("a", "b"), true);

        assertThat(result.isExceptional()).isTrue();
        assertThat(log).containsExactly("handled a", "handled b", "flush failed");
    }

    @Test
    void outsideABatchThatFlushesAtItsEndEveryChangeIsWrittenAtOnce() {
        BatchedWrites.apply(Recorder.class, () -> new Recorder(false), recorder -> recorder.add("a"));
        BatchedWrites.apply(Recorder.class, () -> new Recorder(false), recorder -> recorder.add("b"));

        assertThat(log).containsExactly("flushed [a]", "flushed [b]");
    }

    private ResultMessage<?> runBatch(List<String> payloads, boolean failingFlush) {
        List<EventMessage<?>> events = payloads.stream()
                .<EventMessage<?>>map(GenericEventMessage::asEventMessage)
                .toList();
        BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(events);
        // Where a pooled processor's work package stores the batch's token.
        unitOfWork.onPrepareCommit(committing -> log.add("token stored"));
        return unitOfWork.executeWithResult(() -> BatchedWrites.flushAtEndOfBatch()
                .handle(unitOfWork, new DefaultInterceptorChain<>(unitOfWork, List.of(), event -> {
                    String payload = (String) event.getPayload();
                    BatchedWrites.apply(
                            Recorder.class, () -> new Recorder(failingFlush), recorder -> recorder.add(payload));
                    log.add("handled " + payload);
                    return null;
                })));
    }

    private final class Recorder implements BatchedWrites.Buffer {

        private final boolean failing;
        private final List<String> held = new ArrayList<>();

        Recorder(boolean failing) {
            this.failing = failing;
        }

        void add(String write) {
            held.add(write);
        }

        @Override
        public void flush() {
            if (failing) {
                log.add("flush failed");
                throw new IllegalStateException("the read-model store refused the batch");
            }
            log.add("flushed " + held);
        }
    }
}
