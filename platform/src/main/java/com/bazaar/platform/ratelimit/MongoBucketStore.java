package com.bazaar.platform.ratelimit;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.bucket4j.distributed.proxy.ClientSideConfig;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AbstractCompareAndSwapBasedProxyManager;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.AsyncCompareAndSwapOperation;
import io.github.bucket4j.distributed.proxy.generic.compare_and_swap.CompareAndSwapOperation;
import io.github.bucket4j.distributed.remote.RemoteBucketState;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Keeps Bucket4j's bucket state in a Mongo collection with compare-and-swap on the serialized state, so every app
 * node that shares the database shares the buckets. A swap that loses a race returns {@code false} and Bucket4j
 * re-reads and retries, so two nodes can never both spend the last token.
 */
final class MongoBucketStore extends AbstractCompareAndSwapBasedProxyManager<String> {

    static final String STATE = "state";
    static final String EXPIRES_AT = "expiresAt";

    private final MongoCollection<Document> buckets;
    private final Clock clock;

    MongoBucketStore(MongoCollection<Document> buckets, ClientSideConfig config, Clock clock) {
        super(config);
        this.buckets = buckets;
        this.clock = clock;
    }

    @Override
    protected CompareAndSwapOperation beginCompareAndSwapOperation(String key) {
        return new CompareAndSwapOperation() {
            @Override
            public Optional<byte[]> getStateData(Optional<Long> timeoutNanos) {
                return Optional.ofNullable(buckets.find(Filters.eq("_id", key)).first())
                        .map(document -> document.get(STATE, Binary.class).getData());
            }

            @Override
            public boolean compareAndSwap(
                    byte[] originalData, byte[] newData, RemoteBucketState newState, Optional<Long> timeoutNanos) {
                Date expiresAt = expiry(newState);
                if (originalData == null) {
                    return insert(key, newData, expiresAt);
                }
                return buckets.updateOne(
                                        Filters.and(
                                                Filters.eq("_id", key), Filters.eq(STATE, new Binary(originalData))),
                                        Updates.combine(
                                                Updates.set(STATE, new Binary(newData)),
                                                Updates.set(EXPIRES_AT, expiresAt)))
                                .getMatchedCount()
                        == 1;
            }
        };
    }

    private boolean insert(String key, byte[] data, Date expiresAt) {
        try {
            buckets.insertOne(
                    new Document("_id", key).append(STATE, new Binary(data)).append(EXPIRES_AT, expiresAt));
            return true;
        } catch (MongoWriteException raced) {
            if (raced.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw raced;
        }
    }

    /** A bucket is full again once its refill period has passed, so the document can go then (TTL index). */
    private Date expiry(RemoteBucketState state) {
        long nanosToFull = state.calculateFullRefillingTime(currentTimeNanos());
        return Date.from(clock.instant().plusNanos(Math.max(0, nanosToFull)).plusSeconds(60));
    }

    @Override
    protected AsyncCompareAndSwapOperation beginAsyncCompareAndSwapOperation(String key) {
        throw new UnsupportedOperationException("the Mongo bucket store is synchronous");
    }

    @Override
    public void removeProxy(String key) {
        buckets.deleteOne(Filters.eq("_id", key));
    }

    @Override
    protected CompletableFuture<Void> removeAsync(String key) {
        return CompletableFuture.runAsync(() -> removeProxy(key));
    }

    @Override
    public boolean isAsyncModeSupported() {
        return false;
    }
}
