package com.bazaar.app.eventstore;

import com.bazaar.operations.processors.ProcessorOverview;
import com.bazaar.operations.processors.ProcessorOverview.Status;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Reports every streaming event processor: its status (decided by {@link ProcessorOverview#localStatus}, the same as
 * {@code GET /api/v1/admin/processors} shows), running or not, and per claimed segment whether it has caught up or is
 * in error. A processor that stopped or is in error makes the node DOWN (its read model is going stale); one being
 * rebuilt is not down. Reads nothing from the stores, so probes stay cheap.
 */
@Component("eventProcessorsHealthIndicator")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorOverview overview;

    EventProcessorsHealthIndicator(ProcessorOverview overview) {
        super("Event processor health check failed");
        this.overview = overview;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> processors = new TreeMap<>();
        for (StreamingEventProcessor processor : overview.streamingProcessors()) {
            Status status = overview.localStatus(processor);
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", status.wire());
            details.put("running", processor.isRunning());
            details.put("error", processor.isError());
            details.put("replaying", processor.isReplaying());
            Map<Integer, String> segments = new TreeMap<>();
            for (Map.Entry<Integer, EventTrackerStatus> segment :
                    processor.processingStatus().entrySet()) {
                EventTrackerStatus tracker = segment.getValue();
                segments.put(
                        segment.getKey(),
                        tracker.isErrorState()
                                ? "error: " + tracker.getError()
                                : tracker.isCaughtUp() ? "caught-up" : "catching-up");
            }
            details.put("segments", segments);
            healthy &= status != Status.STOPPED && status != Status.ERROR;
            processors.put(processor.getName(), details);
        }
        builder.status(healthy ? "UP" : "DOWN").withDetails(processors);
    }
}
