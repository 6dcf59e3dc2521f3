package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.TestPostgres;
import com.bazaar.platform.messaging.ProcessorClaims;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.serialization.Serializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storage contract on a real PostgreSQL server (embedded, or BAZAAR_TEST_POSTGRES_URL), wired by
 * {@link AxonPostgresStorageConfiguration} on a fresh database per test, schema by its Flyway migrations.
 */
class PostgresStorageTest extends EventStorageContract {

    private PostgresProperties database;
    private HikariDataSource dataSource;
    private PlatformTransactionManager transactions;

    @Override
    Storage wireStorageLikeProduction(Serializer serializer) {
        TestPostgres.Database fresh = TestPostgres.freshDatabase();
        AxonPostgresStorageConfiguration production = new AxonPostgresStorageConfiguration();
        database = new PostgresProperties(fresh.url(), fresh.user(), fresh.password(), 20);
        dataSource = production.eventStoreDataSource(database);
        Flyway schema = production.eventStoreSchema(dataSource);
        transactions = production.eventStoreTransactionManager(dataSource);
        TransactionManager axonTransactions = production.axonTransactionManager(transactions);
        ConnectionProvider connections = production.eventStoreConnectionProvider(dataSource);
        JdbcTokenStore otherNode = JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .nodeId("other-node")
                .build();
        return new Storage(
                production.eventStorageEngine(
                        connections, serializer, serializer, noUpcasters(), axonTransactions, schema),
                production.tokenStore(connections, serializer, ProcessorClaims.from(new StandardEnvironment()), schema),
                otherNode,
                production.sagaStore(connections, serializer, schema),
                GapAwareTrackingToken.class);
    }

    @Override
    void dropStorage() {
        dataSource.close();
    }

    /** {@code work} in a Spring transaction on another thread, held open until {@code whileUncommitted} is done. */
    @Override
    void commitAfter(Runnable work, Runnable whileUncommitted) throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> unitOfWork =
                    thread.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        work.run();
                        written.countDown();
                        awaitUninterruptibly(release);
                    }));
            if (!written.await(10, TimeUnit.SECONDS)) {
                unitOfWork.get(1, TimeUnit.SECONDS);
                throw new AssertionError("the unit of work did not write within 10 s");
            }
            try {
                whileUncommitted.run();
            } finally {
                release.countDown();
                unitOfWork.get(10, TimeUnit.SECONDS);
            }
        } finally {
            thread.shutdownNow();
        }
    }

    /**
     * The gap-aware token remembered the late event's global index, drawn before the newer event's but committed
     * after it, as a gap, and the next read fills it.
     */
    @Override
    void thenTheLateEvent(EventMessage<?> late, List<String> delivered, SimpleMeterRegistry guardMeters) {
        assertThat(delivered).containsExactly(late.getIdentifier());
    }

    /**
     * On PostgreSQL an event another node appends is announced, not polled for: this node's store would read its
     * storage on its own only once a minute here, so an event handled within seconds came through the notification of
     * the append's commit (migration V3) and this node's listener.
     */
    @Test
    void anEventAppendedByAnotherNodeWakesThisNodeThroughItsCommitNotification() {
        ArrivalSignallingEventStore eventStore = new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder()
                        .storageEngine(engine)
                        .fetchDelay(Duration.ofMinutes(1).toMillis()),
                Duration.ofMillis(100));
        PostgresArrivalNotifications notifications =
                new AxonPostgresStorageConfiguration().eventArrivalNotifications(database, null);
        notifications.onAppend(eventStore::readStorageNow);
        List<String> handled = new CopyOnWriteArrayList<>();
        try (ArrivalProcessor ignored = startArrivalProcessor(eventStore, handled)) {
            notifications.start();
            for (int n = 1; n <= 3; n++) {
                EventMessage<?> fromAnotherNode = event(newId(), 0, n);
                engine.appendEvents(fromAnotherNode);
                await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(fromAnotherNode.getIdentifier()));
            }
            assertThat(handled).hasSize(3).doesNotHaveDuplicates();
        } finally {
            notifications.stop();
        }
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
