package com.bazaar.platform.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * ShedLock's Mongo provider against the embedded wire-protocol server (no transactions, unique indexes only), with
 * two providers on two connections standing for two nodes: one holder at a time, held at least and at most as long
 * as configured, and a lock left by a node that died is taken over once it expires.
 */
class SchedulerLockTest {

    private static MongoServer server;
    private static MongoClient nodeAConnection;
    private static MongoClient nodeBConnection;

    private final String database = "locks-" + UUID.randomUUID();
    private final LockProvider nodeA =
            new ClusterScheduling().lockProvider(new MongoTemplate(nodeAConnection, database));
    private final LockProvider nodeB =
            new ClusterScheduling().lockProvider(new MongoTemplate(nodeBConnection, database));

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        String address = server.bindAndGetConnectionString();
        nodeAConnection = MongoClients.create(address);
        nodeBConnection = MongoClients.create(address);
    }

    @AfterAll
    static void stopServer() {
        nodeAConnection.close();
        nodeBConnection.close();
        server.shutdownNow();
    }

    private static LockConfiguration job(Duration atMost, Duration atLeast) {
        return new LockConfiguration(Instant.now(), "payment-deadlines", atMost, atLeast);
    }

    @Test
    void ofTwentyConcurrentAttemptsFromTwoNodesExactlyOneGetsTheLock() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Optional<SimpleLock>>> attempts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            LockProvider node = i % 2 == 0 ? nodeA : nodeB;
            attempts.add(() -> {
                start.await();
                return node.lock(job(Duration.ofMinutes(1), Duration.ZERO));
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Optional<SimpleLock>>> results =
                    attempts.stream().map(pool::submit).toList();
            start.countDown();
            long holders = 0;
            for (Future<Optional<SimpleLock>> result : results) {
                holders += result.get().isPresent() ? 1 : 0;
            }
            assertThat(holders).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aReleasedLockIsFreeAfterLockAtLeastForAndNotBefore() {
        SimpleLock held =
                nodeA.lock(job(Duration.ofMinutes(1), Duration.ofSeconds(8))).orElseThrow();
        assertThat(nodeB.lock(job(Duration.ofMinutes(1), Duration.ZERO))).isEmpty();

        held.unlock();
        // The run was quick, but the other node must not start the same job again within lockAtLeastFor.
        assertThat(nodeB.lock(job(Duration.ofMinutes(1), Duration.ZERO))).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        nodeB.lock(job(Duration.ofMinutes(1), Duration.ZERO)).isPresent());
    }

    @Test
    void aLockLeftByANodeThatDiedIsTakenOverWhenLockAtMostForHasPassed() {
        // Node A takes the lock and never releases it (killed mid-run).
        assertThat(nodeA.lock(job(Duration.ofSeconds(8), Duration.ZERO))).isPresent();

        assertThat(nodeB.lock(job(Duration.ofMinutes(1), Duration.ZERO))).isEmpty();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() ->
                        nodeB.lock(job(Duration.ofMinutes(1), Duration.ZERO)).isPresent());
        assertThat(nodeA.lock(job(Duration.ofMinutes(1), Duration.ZERO))).isEmpty();
    }
}
