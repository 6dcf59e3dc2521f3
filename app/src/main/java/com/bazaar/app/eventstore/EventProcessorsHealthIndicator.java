package com.bazaar.app.eventstore;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reports every streaming event processor: running or not, and per claimed segment whether it has caught up or is
 * in error. A processor that stopped or has a segment in error makes the node DOWN (its read model is going stale).
 */
@Component("eventProcessorsHealthIndicator")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        super("Event processor health check failed");
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> processors = new TreeMap<>();
        for (StreamingEventProcessor processor : processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList()) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.isRunning());
            details.put("error", processor.isError());
            details.put("replaying", processor.isReplaying());
            Map<Integer, String> segments = new TreeMap<>();
            for (Map.Entry<Integer, EventTrackerStatus> segment : processor.processingStatus().entrySet()) {
                EventTrackerStatus status = segment.getValue();
                segments.put(segment.getKey(), status.isErrorState() ? "error: " + status.getError()
                        : status.isCaughtUp() ? "caught-up" : "catching-up");
                healthy &= !status.isErrorState();
            }
            details.put("segments", segments);
            healthy &= processor.isRunning() && !processor.isError();
            processors.put(processor.getName(), details);
        }
        builder.status(healthy ? "UP" : "DOWN").withDetails(processors);
    }
}
