package com.bazaar.platform.ratelimit;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Token-bucket rate limits (Bucket4j) whose state lives in the {@code rate_limits} collection, so all nodes that
 * share the database share the budgets. Calls block on Mongo: call them off the event loop.
 */
@Component
public class RateLimiter {

    static final String COLLECTION = "rate_limits";

    private final MongoCollection<Document> buckets;
    private final MongoBucketStore store;

    private final Clock clock;

    public RateLimiter(MongoTemplate mongo, Clock clock) {
        this.clock = clock;
        this.buckets = mongo.getCollection(COLLECTION);
        // A real MongoDB drops full buckets through this TTL index; the embedded server ignores TTL indexes, so
        // purgeExpired below does the same job there.
        buckets.createIndex(
                Indexes.ascending(MongoBucketStore.EXPIRES_AT), new IndexOptions().expireAfter(0L, TimeUnit.SECONDS));
        // Buckets refill by the injected clock (wall time shared by all nodes, not a node's nanoTime), so tests can
        // move time instead of sleeping through a refill period.
        this.store = new MongoBucketStore(
                buckets,
                ClientSideConfig.getDefault().withMaxRetries(64).withClientClock(new TimeMeter() {
                    @Override
                    public long currentTimeNanos() {
                        Instant now = clock.instant();
                        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                    }

                    @Override
                    public boolean isWallClockBased() {
                        return true;
                    }
                }),
                clock);
    }

    /** Spends one token of {@code limit} for {@code key}, or throws when none is left. */
    public void consume(RateLimit limit, String key) {
        ConsumptionProbe probe = bucket(limit, key).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitExceededException(limit.name(), Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }

    /**
     * Gives back a token spent by {@link #consume} for an attempt that turned out not to count (a sign-in that
     * succeeded). Limits that count failures spend first and give back on success: checking first and spending after
     * the outcome lets every parallel attempt pass the check before any has spent (docs/SECURITY.md).
     */
    public void giveBack(RateLimit limit, String key) {
        bucket(limit, key).addTokens(1);
    }

    private BucketProxy bucket(RateLimit limit, String key) {
        BucketConfiguration configuration = BucketConfiguration.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(limit.capacity())
                        .refillGreedy(limit.capacity(), limit.period())
                        .build())
                .build();
        // Changing a limit in configuration replaces the stored bucket's configuration on next use (a raised limit
        // grants the extra tokens at once) instead of silently keeping the old budget until the document expires.
        long version = Integer.toUnsignedLong(Objects.hash(limit.capacity(), limit.period()));
        return store.builder()
                .withImplicitConfigurationReplacement(version, TokensInheritanceStrategy.ADDITIVE)
                .build(limit.name() + ':' + key, configuration);
    }

    @Scheduled(fixedDelayString = "PT10M")
    @SchedulerLock(name = "rate-limit-purge", lockAtMostFor = "PT10M", lockAtLeastFor = "PT10M")
    void purgeExpired() {
        buckets.deleteMany(Filters.lt(MongoBucketStore.EXPIRES_AT, Date.from(clock.instant())));
    }
}
