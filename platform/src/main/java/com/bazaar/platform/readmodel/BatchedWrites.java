package com.bazaar.platform.readmodel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets a projection hold its writes for a whole batch of events (a processor's {@code batch-size}) and send them in a
 * few bulk requests at its end, instead of one request per write: on the embedded read-model server every request is
 * a round trip, a parse and a lookup, and a rebuild spent most of its time there (docs/PERFORMANCE.md, "Fifth round").
 *
 * <p>The writes are sent by {@link #flushAtEndOfBatch()}, a handler interceptor of the processor, right after the
 * batch's last event was handled and still inside the batch's unit of work: before the token is stored, and outside
 * the dead-letter queue's reach, so a failing flush fails the whole batch (retried from its token; projections are
 * idempotent) instead of parking one innocent event. Without that interceptor (a processor not registered with it,
 * dead letters retried one by one, a handler called directly) {@link #apply} writes through at once.
 */
public final class BatchedWrites {

    /** Writes a projection holds until the end of its batch. */
    public interface Buffer {

        /** Sends every held write. Called once per buffer: after the batch's last event, or after the only one. */
        void flush();
    }

    private static final String BUFFERS = BatchedWrites.class.getName();

    private BatchedWrites() {}

    /** Flushes every buffer of the unit of work after the last event of its batch (every event, if not batched). */
    public static MessageHandlerInterceptor<EventMessage<?>> flushAtEndOfBatch() {
        return (unitOfWork, chain) -> {
            Map<Class<?>, Buffer> buffers = unitOfWork.getOrComputeResource(BUFFERS, key -> new LinkedHashMap<>());
            Object result = chain.proceed();
            if (!(unitOfWork instanceof BatchingUnitOfWork<?> batch) || batch.isLastMessage()) {
                try {
                    buffers.values().forEach(Buffer::flush);
                } finally {
                    buffers.clear();
                }
            }
            return result;
        };
    }

    /**
     * Applies {@code change} to this batch's buffer of {@code type}, created by {@code create} on first use; outside a
     * batch that flushes at its end, to a new buffer that is flushed at once.
     */
    public static <B extends Buffer> void apply(Class<B> type, Supplier<B> create, Consumer<? super B> change) {
        Map<Class<?>, Buffer> buffers =
                CurrentUnitOfWork.map(BatchedWrites::buffers).orElse(null);
        if (buffers == null) {
            B buffer = create.get();
            change.accept(buffer);
            buffer.flush();
            return;
        }
        change.accept(type.cast(buffers.computeIfAbsent(type, key -> create.get())));
    }

    private static Map<Class<?>, Buffer> buffers(UnitOfWork<?> unitOfWork) {
        return unitOfWork.getResource(BUFFERS);
    }
}
