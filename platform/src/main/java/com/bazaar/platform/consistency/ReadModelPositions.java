package com.bazaar.platform.consistency;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.eventhandling.EventHandlerInvoker;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the read models of some processing groups have handled a write's events, judged from the shared token store.
 *
 * <p>Only the segment that owns a written aggregate is asked (under the default per-aggregate sequencing): a pooled
 * processor stores a segment's token when that segment handles a batch, and a segment that merely skipped an event
 * stores its position only at its next claim extension (5 s), so asking every segment would wait for that. For the
 * same reason a processor that handles none of the written payload types is not waited for at all.
 */
class ReadModelPositions {

    private static final Logger log = LoggerFactory.getLogger(ReadModelPositions.class);

    private final EventProcessingConfiguration processing;
    private final EventStoreTokens tokens;

    ReadModelPositions(EventProcessingConfiguration processing, EventStoreTokens tokens) {
        this.processing = processing;
        this.tokens = tokens;
    }

    /** Blocking: reads the token store. */
    boolean haveHandled(List<String> processingGroups, List<WrittenEvent> written) {
        for (String group : processingGroups) {
            Optional<EventProcessor> processor = processing.eventProcessorByProcessingGroup(group);
            String processorName = processor.map(EventProcessor::getName).orElse(group);
            EventHandlerInvoker invoker = processor
                    .filter(AbstractEventProcessor.class::isInstance)
                    .map(p -> ((AbstractEventProcessor) p).eventHandlerInvoker())
                    .orElse(null);
            List<WrittenEvent> relevant =
                    written.stream().filter(w -> handlesAny(invoker, w)).toList();
            if (relevant.isEmpty()) {
                continue;
            }
            boolean perAggregate = processing.sequencingPolicy(group) instanceof SequentialPerAggregatePolicy;
            if (!segmentsCover(processorName, relevant, perAggregate)) {
                return false;
            }
        }
        return true;
    }

    private boolean segmentsCover(String processorName, List<WrittenEvent> written, boolean perAggregate) {
        Map<Integer, TrackingToken> segments = tokens.segmentTokens(processorName);
        if (segments.isEmpty()) {
            return false;
        }
        int[] ids = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
        for (Map.Entry<Integer, TrackingToken> segment : segments.entrySet()) {
            Segment range = Segment.computeSegment(segment.getKey(), ids);
            for (WrittenEvent event : written) {
                if (perAggregate
                        && !WrittenEvent.ALL.equals(event.sequenceId())
                        && !range.matches(event.sequenceId())) {
                    continue;
                }
                if (!covers(segment.getValue(), event.token())) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean covers(TrackingToken position, TrackingToken written) {
        if (position == null) {
            return false;
        }
        try {
            return position.covers(written);
        } catch (IllegalArgumentException incompatible) {
            // A token issued before the event store was switched: it can never be covered; the wait runs out.
            log.debug("Consistency token of another event store: {}", incompatible.getMessage());
            return false;
        }
    }

    private static boolean handlesAny(EventHandlerInvoker invoker, WrittenEvent written) {
        if (invoker == null) {
            return true;
        }
        for (String typeName : written.payloadTypes()) {
            try {
                if (invoker.canHandleType(Class.forName(typeName))) {
                    return true;
                }
            } catch (ClassNotFoundException | LinkageError unknown) {
                return true;
            }
        }
        return false;
    }
}
