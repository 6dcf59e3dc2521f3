package com.bazaar.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.threeten.extra.MutableClock;

/** The limiter against a real Mongo wire-protocol server, as two app nodes would share it. */
class RateLimiterTest {

    private static MongoServer server;
    private static MongoClient client;

    private final MongoTemplate database = new MongoTemplate(client, "rate-" + UUID.randomUUID());
    private final MutableClock clock = MutableClock.of(Instant.parse("2026-01-01T10:00:00Z"), ZoneOffset.UTC);
    private final RateLimiter limiter = new RateLimiter(database, clock);

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create(server.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void spendsTheCapacityThenRefusesWithTheTimeUntilTheNextToken() {
        RateLimit limit = new RateLimit("login", 3, Duration.ofMinutes(3));

        for (int i = 0; i < 3; i++) {
            limiter.consume(limit, "10.0.0.1");
        }

        assertThatThrownBy(() -> limiter.consume(limit, "10.0.0.1"))
                .isInstanceOfSatisfying(RateLimitExceededException.class, exceeded -> {
                    assertThat(exceeded.limitName()).isEqualTo("login");
                    // One token comes back every minute.
                    assertThat(exceeded.retryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
                    assertThat(exceeded.retryAfterSeconds()).isBetween(50L, 60L);
                });
    }

    @Test
    void tokensComeBackAfterThePeriod() {
        RateLimit limit = new RateLimit("refresh", 2, Duration.ofSeconds(10));
        limiter.consume(limit, "k");
        limiter.consume(limit, "k");
        assertThatThrownBy(() -> limiter.consume(limit, "k")).isInstanceOf(RateLimitExceededException.class);

        // One token per 5 s: not yet just before, then one, then the second after the whole period.
        clock.add(Duration.ofMillis(4_999));
        assertThatThrownBy(() -> limiter.consume(limit, "k")).isInstanceOf(RateLimitExceededException.class);
        clock.add(Duration.ofMillis(1));
        limiter.consume(limit, "k");
        assertThatThrownBy(() -> limiter.consume(limit, "k")).isInstanceOf(RateLimitExceededException.class);
        clock.add(Duration.ofSeconds(10));
        limiter.consume(limit, "k");
        limiter.consume(limit, "k");
    }

    @Test
    void keysAndLimitsHaveSeparateBudgets() {
        RateLimit signups = new RateLimit("signups", 1, Duration.ofHours(1));
        RateLimit writes = new RateLimit("writes", 1, Duration.ofHours(1));

        limiter.consume(signups, "a");
        limiter.consume(signups, "b");
        limiter.consume(writes, "a");

        assertThatThrownBy(() -> limiter.consume(signups, "a")).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void aTokenGivenBackCanBeSpentAgainButNeverBeyondTheCapacity() {
        RateLimit failures = new RateLimit("failures", 1, Duration.ofHours(1));

        limiter.consume(failures, "ip");
        assertThatThrownBy(() -> limiter.consume(failures, "ip")).isInstanceOf(RateLimitExceededException.class);
        limiter.giveBack(failures, "ip");
        limiter.consume(failures, "ip");

        limiter.giveBack(failures, "ip");
        limiter.giveBack(failures, "ip");
        limiter.consume(failures, "ip");
        assertThatThrownBy(() -> limiter.consume(failures, "ip")).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void twoNodesOnTheSameDatabaseShareOneBudget() {
        RateLimiter otherNode =
                new RateLimiter(new MongoTemplate(client, database.getDb().getName()), clock);
        RateLimit limit = new RateLimit("shared", 2, Duration.ofHours(1));

        limiter.consume(limit, "user");
        otherNode.consume(limit, "user");

        assertThatThrownBy(() -> otherNode.consume(limit, "user")).isInstanceOf(RateLimitExceededException.class);
        assertThatThrownBy(() -> limiter.consume(limit, "user")).isInstanceOf(RateLimitExceededException.class);
    }

    @Test
    void concurrentCallersOnSeveralNodesNeverOverspend() throws Exception {
        List<RateLimiter> nodes = List.of(
                limiter,
                new RateLimiter(new MongoTemplate(client, database.getDb().getName()), clock),
                new RateLimiter(new MongoTemplate(client, database.getDb().getName()), clock));
        RateLimit limit = new RateLimit("burst", 10, Duration.ofHours(1));
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            RateLimiter node = nodes.get(i % nodes.size());
            callers.add(() -> {
                start.await();
                try {
                    node.consume(limit, "hot-key");
                    return true;
                } catch (RateLimitExceededException refused) {
                    return false;
                }
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Boolean>> results = callers.stream().map(pool::submit).toList();
            start.countDown();
            long allowed = 0;
            for (Future<Boolean> result : results) {
                allowed += result.get() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(10);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void changingALimitTakesEffectOnTheStoredBucket() {
        limiter.consume(new RateLimit("tunable", 1, Duration.ofHours(1)), "k");
        assertThatThrownBy(() -> limiter.consume(new RateLimit("tunable", 1, Duration.ofHours(1)), "k"))
                .isInstanceOf(RateLimitExceededException.class);

        RateLimit raised = new RateLimit("tunable", 100, Duration.ofHours(1));

        limiter.consume(raised, "k");
    }

    @Test
    void rejectsNonsenseLimits() {
        assertThatThrownBy(() -> new RateLimit("x", 0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit("x", 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
