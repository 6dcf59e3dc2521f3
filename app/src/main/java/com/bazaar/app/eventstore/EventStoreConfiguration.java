package com.bazaar.app.eventstore;

import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * The event store Axon would configure, with streams that wake pooled processors when events arrive
 * ({@link ArrivalSignallingEventStore}) and a shorter fetch delay: events appended on this node reach its processors
 * at once, but events appended by another node are only found when the caught-up stream polls storage again (Axon's
 * default: every second). Chat delivery across nodes waits for that poll (docs/CHAT.md), so it polls every
 * {@code bazaar.event-store-fetch-delay} (default 500 ms: two small queries a second per node when idle; on the
 * embedded MongoDB server each one scans the events, docs/PERFORMANCE.md).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    @Bean
    EventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            @Value("${bazaar.event-store-fetch-delay:500ms}") Duration fetchDelay,
            @Value("${bazaar.event-arrival-gap:100ms}") Duration arrivalGap) {
        return new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .fetchDelay(fetchDelay.toMillis()),
                arrivalGap);
    }
}
