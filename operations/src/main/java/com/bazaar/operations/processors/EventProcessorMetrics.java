package com.bazaar.operations.processors;

import com.bazaar.operations.processors.ProcessorOverview.ProcessorView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The figures of {@link ProcessorOverview} as gauges tagged {@code processor}, for alarms:
 * {@code bazaar_processor_lag_seconds}, {@code bazaar_processor_lag_events} (PostgreSQL only: the store numbers its
 * events), {@code bazaar_processor_caught_up} (1 or 0), {@code bazaar_processor_running} (1 or 0) and
 * {@code bazaar_processor_dead_letters} (processors with a dead-letter queue). One scrape reads the stores once:
 * every gauge of a scrape shares one overview, taken at most once per {@link #FRESHNESS}.
 */
@Component
class EventProcessorMetrics {

    static final Duration FRESHNESS = Duration.ofSeconds(1);

    private final ProcessorOverview overview;
    private final TrackingPositions positions;
    private final MeterRegistry meters;
    private final Clock clock;
    private Instant takenAt = Instant.EPOCH;
    private Map<String, ProcessorView> latest = Map.of();

    EventProcessorMetrics(ProcessorOverview overview, TrackingPositions positions, MeterRegistry meters, Clock clock) {
        this.overview = overview;
        this.positions = positions;
        this.meters = meters;
        this.clock = clock;
    }

    /** Processors exist once Axon's configuration has started, which the application is ready after. */
    @EventListener(ApplicationReadyEvent.class)
    void register() {
        for (String name : overview.names()) {
            gauge(
                    "bazaar.processor.lag.seconds",
                    "Seconds from the newest event handled to the newest event stored",
                    name,
                    view -> orNaN(view.lagSeconds()));
            if (positions.numbersEvents()) {
                gauge(
                        "bazaar.processor.lag.events",
                        "Events stored that the processor has not handled yet",
                        name,
                        view -> orNaN(view.lagEvents()));
            }
            gauge(
                    "bazaar.processor.caught.up",
                    "1 when every segment has handled the newest event",
                    name,
                    view -> view.caughtUp() ? 1 : 0);
            gauge(
                    "bazaar.processor.running",
                    "1 when the processor runs on this node",
                    name,
                    view -> view.status() == ProcessorOverview.Status.STOPPED ? 0 : 1);
            if (latest(name) != null && latest(name).deadLetterQueue()) {
                gauge(
                        "bazaar.processor.dead.letters",
                        "Events parked in the processor's dead-letter queue",
                        name,
                        view -> orNaN(view.deadLetters()));
            }
        }
    }

    private void gauge(String metric, String description, String processor, ToDoubleFunction<ProcessorView> value) {
        Gauge.builder(metric, this, metrics -> {
                    ProcessorView view = metrics.latest(processor);
                    return view == null ? Double.NaN : value.applyAsDouble(view);
                })
                .description(description)
                .tag("processor", processor)
                .register(meters);
    }

    private synchronized ProcessorView latest(String processor) {
        Instant now = clock.instant();
        if (Duration.between(takenAt, now).compareTo(FRESHNESS) > 0) {
            List<ProcessorView> views = overview.all();
            latest = views.stream().collect(Collectors.toMap(ProcessorView::name, Function.identity()));
            takenAt = now;
        }
        return latest.get(processor);
    }

    private static double orNaN(Number value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
