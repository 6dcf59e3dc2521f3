package com.bazaar.app.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the one way Mongo tracking can lose an event. An event's timestamp is taken when the aggregate applies it,
 * but the event only becomes visible when its unit of work commits. Tracking processors re-read only
 * {@code lookBack} into the past, so an event whose commit came later than that after its timestamp may never reach
 * a projection. This guard measures that delay for every commit ({@code bazaar.eventstore.commit.lag}) and counts the
 * commits that used more than half the window ({@code bazaar.eventstore.commit.lag.exceeded}), logging their event
 * ids, so an alarm can trigger the remedy: replay the projections (docs/EVENT-STORE.md).
 */
class LateCommitGuard implements MessageDispatchInterceptor<EventMessage<?>> {

    private static final Logger log = LoggerFactory.getLogger(LateCommitGuard.class);

    private final Duration threshold;
    private final Clock clock;
    private final Timer lag;
    private final Counter exceeded;

    LateCommitGuard(Duration lookBack, MeterRegistry meters, Clock clock) {
        this.threshold = lookBack.dividedBy(2);
        this.clock = clock;
        this.lag = Timer.builder("bazaar.eventstore.commit.lag")
                .description("Time from an event's timestamp to the commit that made it visible")
                .register(meters);
        this.exceeded = Counter.builder("bazaar.eventstore.commit.lag.exceeded")
                .description("Commits slower than half the tracking look-back window: events may have been skipped")
                .register(meters);
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        if (!messages.isEmpty() && CurrentUnitOfWork.isStarted()) {
            Instant oldest = messages.stream()
                    .map(EventMessage::getTimestamp)
                    .min(Instant::compareTo)
                    .orElseThrow();
            List<String> ids =
                    messages.stream().map(EventMessage::getIdentifier).toList();
            CurrentUnitOfWork.get().afterCommit(unitOfWork -> check(oldest, ids));
        }
        return (index, message) -> message;
    }

    void check(Instant oldestTimestamp, List<String> eventIds) {
        Duration delay = Duration.between(oldestTimestamp, clock.instant());
        lag.record(delay.isNegative() ? Duration.ZERO : delay);
        if (delay.compareTo(threshold) > 0) {
            exceeded.increment();
            log.warn(
                    "Events {} became visible {} ms after their timestamp, more than half the {} ms look-back "
                            + "window; tracking processors may have skipped them - replay the projections",
                    eventIds,
                    delay.toMillis(),
                    threshold.multipliedBy(2).toMillis());
        }
    }
}
