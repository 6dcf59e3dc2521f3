package com.bazaar.app.eventstore;

import java.time.Duration;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The event store Axon would configure, with streams that wake pooled processors when events arrive
 * ({@link ArrivalSignallingEventStore}). Events appended on this node reach its processors at once; events appended by
 * another node when this node's store reads its storage again. That is at once where the storage announces appends:
 * the embedded MongoDB server sees every insert in this JVM, and on PostgreSQL every append notifies every node
 * ({@link StorageAppends}). There the store polls only as a fallback, every
 * {@code bazaar.event-store-fetch-delay} (default 10 s). On an external MongoDB nothing announces appends, so the poll
 * is what delivers them (default 500 ms: chat across nodes waits for it, docs/CHAT.md).
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class EventStoreConfiguration {

    private static final Duration POLLED_FETCH_DELAY = Duration.ofMillis(500);
    private static final Duration ANNOUNCED_FETCH_DELAY = Duration.ofSeconds(10);

    @Bean
    ArrivalSignallingEventStore eventStore(
            EventStorageEngine storageEngine,
            Configuration configuration,
            Environment environment,
            ObjectProvider<StorageAppends> storageAppends,
            @Value("${bazaar.event-arrival-gap:100ms}") Duration arrivalGap) {
        StorageAppends announcing = storageAppends.getIfAvailable();
        Duration fetchDelay = environment.getProperty(
                "bazaar.event-store-fetch-delay",
                Duration.class,
                announcing != null ? ANNOUNCED_FETCH_DELAY : POLLED_FETCH_DELAY);
        ArrivalSignallingEventStore eventStore = new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                        .fetchDelay(fetchDelay.toMillis()),
                arrivalGap,
                announcing != null && announcing.announcesOwnAppendsAtOnce());
        if (announcing != null) {
            announcing.onAppend(eventStore::readStorageNow);
        }
        return eventStore;
    }
}
