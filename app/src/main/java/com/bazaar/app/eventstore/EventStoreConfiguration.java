package com.bazaar.app.eventstore;

import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The event store Axon would configure, with streams that wake pooled processors when events arrive
 * ({@link ArrivalSignallingEventStore}). Events appended on this node reach its processors at once; events appended by
 * another node are found when this node's store reads its storage again. On PostgreSQL that is at once: every append
 * notifies every node ({@link PostgresArrivalNotifications}), and the store polls only as a fallback, every
 * {@code bazaar.event-store-fetch-delay} (default 10 s). On MongoDB nothing notifies, so the poll is what delivers
 * (default 500 ms: chat across nodes waits for it, docs/CHAT.md; two small queries a second per node when idle, each
 * one a scan of the events on the embedded server, docs/PERFORMANCE.md).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    static final Duration POLLED_FETCH_DELAY = Duration.ofMillis(500);
    static final Duration NOTIFIED_FETCH_DELAY = Duration.ofSeconds(10);

    @Bean
    ArrivalSignallingEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            Environment environment,
            @Value("${bazaar.event-arrival-gap:100ms}") Duration arrivalGap) {
        return new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .fetchDelay(fetchDelay(environment).toMillis()),
                arrivalGap);
    }

    static Duration fetchDelay(Environment environment) {
        boolean notified = "postgres".equals(environment.getProperty("bazaar.event-store", "mongo"));
        return environment.getProperty(
                "bazaar.event-store-fetch-delay", Duration.class, notified ? NOTIFIED_FETCH_DELAY : POLLED_FETCH_DELAY);
    }
}
