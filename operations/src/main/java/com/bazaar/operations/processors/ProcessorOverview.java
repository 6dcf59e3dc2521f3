package com.bazaar.operations.processors;

import com.bazaar.operations.processors.ProcessorActivity.Rebuild;
import com.bazaar.operations.processors.TrackingPositions.Position;
import com.bazaar.operations.processors.TrackingPositions.StoredSegment;
import com.fasterxml.jackson.annotation.JsonValue;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Every streaming event processor of this node as staff see it: its status, whether it has caught up, how far behind
 * it is, its segments with the node claiming each, its dead letters and last error.
 *
 * <p>Running, stopped and error are this node's own processor; the segments and their lag are the cluster's, read from
 * the shared token store: a segment another node claims shows that node's last stored token (stored after each batch,
 * so a few seconds old at most), a segment this node claims shows its live position. Lag is in events where the store
 * numbers events (PostgreSQL), and always in seconds: the newest event's timestamp minus the timestamp of the newest
 * event the segment has handled, so an idle, caught-up processor is 0 behind however long ago the last event was.
 */
@Component
public class ProcessorOverview {

    /** What the API and the metrics say a processor is doing; decided in {@link #status} only. */
    public enum Status {
        RUNNING,
        STOPPED,
        REBUILDING,
        ERROR;

        @JsonValue
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public record SegmentView(
            int segment,
            String owner,
            boolean claimedByThisNode,
            boolean caughtUp,
            Long lagEvents,
            Double lagSeconds,
            String error) {}

    /**
     * @param deadLetters events parked in the processor's dead-letter queue; null when it has none (policies and the
     *                    payment saga retry instead of parking)
     */
    public record ProcessorView(
            String name,
            Status status,
            boolean caughtUp,
            Long lagEvents,
            Double lagSeconds,
            Double rebuildProgress,
            List<SegmentView> segments,
            boolean deadLetterQueue,
            Long deadLetters,
            String lastError) {}

    private final EventProcessingConfiguration processing;
    private final TrackingPositions positions;
    private final ObjectProvider<ProcessorActivity> activity;
    /** How the token stores name this JVM when it claims a segment (Axon's default node id). */
    private final String thisNode = ManagementFactory.getRuntimeMXBean().getName();

    ProcessorOverview(
            EventProcessingConfiguration processing,
            TrackingPositions positions,
            ObjectProvider<ProcessorActivity> activity) {
        this.processing = processing;
        this.positions = positions;
        this.activity = activity;
    }

    /** Every processor, by name. */
    public List<ProcessorView> all() {
        Position head = positions.head();
        return streamingProcessors().stream()
                .map(processor -> view(processor, head))
                .toList();
    }

    public Optional<ProcessorView> one(String name) {
        return streamingProcessors().stream()
                .filter(processor -> processor.getName().equals(name))
                .findFirst()
                .map(processor -> view(processor, positions.head()));
    }

    /** The names of this node's streaming processors, by name. */
    public List<String> names() {
        return streamingProcessors().stream()
                .map(StreamingEventProcessor::getName)
                .toList();
    }

    /** This node's streaming processors, by name. */
    public List<StreamingEventProcessor> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .sorted(Comparator.comparing(StreamingEventProcessor::getName))
                .toList();
    }

    /** The processor's status from this node's view alone, without reading the stores (cheap enough for health). */
    public Status localStatus(StreamingEventProcessor processor) {
        boolean segmentInError =
                processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState);
        return status(processor.isRunning(), processor.isError() || segmentInError, rebuild(processor.getName()));
    }

    /** The one place a processor's status is decided: a rebuild wins, then an error, then whether it runs here. */
    static Status status(boolean running, boolean inError, Optional<Rebuild> rebuild) {
        if (rebuild.isPresent()) {
            return Status.REBUILDING;
        }
        if (inError) {
            return Status.ERROR;
        }
        return running ? Status.RUNNING : Status.STOPPED;
    }

    private ProcessorView view(StreamingEventProcessor processor, Position head) {
        String name = processor.getName();
        Map<Integer, EventTrackerStatus> claimedHere = processor.processingStatus();
        Map<Integer, SegmentView> segments = new TreeMap<>();
        for (StoredSegment stored : positions.segments(name)) {
            EventTrackerStatus local = claimedHere.get(stored.segment());
            segments.put(
                    stored.segment(),
                    local != null
                            ? localSegment(
                                    stored.segment(), Objects.requireNonNullElse(stored.owner(), thisNode), local, head)
                            : storedSegment(stored, head));
        }
        // Segments of a per-node token store (chat-live keeps its tokens in memory) are only known here.
        claimedHere.forEach(
                (segment, local) -> segments.computeIfAbsent(segment, id -> localSegment(id, thisNode, local, head)));
        List<SegmentView> views = new ArrayList<>(segments.values());
        String lastError = views.stream()
                .map(SegmentView::error)
                .filter(Objects::nonNull)
                .findFirst()
                .orElse(processor.isError() ? "a segment failed and is being retried" : null);
        Optional<Rebuild> rebuild = rebuild(name);
        Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue = processing.deadLetterQueue(name);
        return new ProcessorView(
                name,
                status(processor.isRunning(), processor.isError() || lastError != null, rebuild),
                !views.isEmpty() && views.stream().allMatch(SegmentView::caughtUp),
                max(views, SegmentView::lagEvents),
                max(views, SegmentView::lagSeconds),
                rebuild.map(Rebuild::progressPercent).orElse(null),
                List.copyOf(views),
                queue.isPresent(),
                queue.map(SequencedDeadLetterQueue::size).orElse(null),
                lastError);
    }

    private Optional<Rebuild> rebuild(String name) {
        return activity.orderedStream()
                .map(a -> a.rebuild(name))
                .flatMap(Optional::stream)
                .findFirst();
    }

    private SegmentView localSegment(int segment, String owner, EventTrackerStatus status, Position head) {
        Lag lag = lag(head, status.getTrackingToken());
        String error = status.isErrorState() && status.getError() != null ? describe(status.getError()) : null;
        return new SegmentView(
                segment,
                owner,
                true,
                status.isCaughtUp() && !status.isErrorState(),
                lag.events(),
                lag.seconds(),
                error);
    }

    private SegmentView storedSegment(StoredSegment stored, Position head) {
        Lag lag = lag(head, stored.token());
        boolean caughtUp = stored.token() != null
                && (lag.events() != null ? lag.events() == 0 : lag.seconds() != null && lag.seconds() == 0);
        return new SegmentView(stored.segment(), stored.owner(), false, caughtUp, lag.events(), lag.seconds(), null);
    }

    private record Lag(Long events, Double seconds) {}

    private Lag lag(Position head, TrackingToken token) {
        Position at = token == null ? Position.UNKNOWN : positions.of(token);
        Long events = null;
        if (positions.numbersEvents()) {
            long headIndex = head.index() == null ? 0 : head.index();
            // No token yet: every event is still to come.
            events = token == null ? headIndex : at.index() == null ? null : Math.max(0, headIndex - at.index());
        }
        Double seconds;
        if (head.timestamp() == null) {
            seconds = 0.0;
        } else if (at.timestamp() == null) {
            seconds = null;
        } else {
            seconds = Math.max(
                            0,
                            Duration.between(at.timestamp(), head.timestamp()).toMillis())
                    / 1000.0;
        }
        return new Lag(events, seconds);
    }

    private static <T extends Comparable<T>> T max(List<SegmentView> segments, Function<SegmentView, T> value) {
        return segments.stream()
                .map(value)
                .filter(Objects::nonNull)
                .max(Comparator.naturalOrder())
                .orElse(null);
    }

    private static String describe(Throwable error) {
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
