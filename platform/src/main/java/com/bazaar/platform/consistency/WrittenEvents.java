package com.bazaar.platform.consistency;

import com.bazaar.contracts.common.MetadataKeys;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Collects, per HTTP request being served by this node, the events its commands stored. Events carry the request id in
 * their metadata (the correlation provider copies it from the command), and are recorded only once their unit of work
 * has committed, so a rolled-back command names nothing. Only the request that took the write needs this, on the node
 * that took it; what the events are is then carried by the header, not by this node.
 */
class WrittenEvents implements MessageDispatchInterceptor<EventMessage<?>> {

    private final Map<String, Set<Recording>> recordings = new ConcurrentHashMap<>();

    /** The events stored on behalf of one request, from {@link #start} until {@link #stop}. */
    static final class Recording {
        private final String requestId;
        private final Queue<EventMessage<?>> events = new ConcurrentLinkedQueue<>();

        private Recording(String requestId) {
            this.requestId = requestId;
        }

        List<EventMessage<?>> events() {
            return List.copyOf(events);
        }
    }

    Recording start(String requestId) {
        Recording recording = new Recording(requestId);
        recordings
                .computeIfAbsent(requestId, id -> ConcurrentHashMap.newKeySet())
                .add(recording);
        return recording;
    }

    void stop(Recording recording) {
        recordings.computeIfPresent(recording.requestId, (id, open) -> {
            open.remove(recording);
            return open.isEmpty() ? null : open;
        });
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        for (EventMessage<?> message : messages) {
            Object requestId = message.getMetaData().get(MetadataKeys.REQUEST_ID);
            Set<Recording> open = requestId == null ? null : recordings.get(requestId.toString());
            if (open == null) {
                continue;
            }
            Runnable record = () -> open.forEach(recording -> recording.events.add(message));
            if (CurrentUnitOfWork.isStarted()) {
                CurrentUnitOfWork.get().afterCommit(unitOfWork -> record.run());
            } else {
                record.run();
            }
        }
        return (index, message) -> message;
    }
}
