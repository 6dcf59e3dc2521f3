package com.bazaar.operations.rebuild;

import com.bazaar.platform.readmodel.BatchedWrites;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.bazaar.platform.readmodel.ReadModelDurability;
import com.bazaar.platform.readmodel.ReadModelIndexes;
import com.bazaar.platform.readmodel.RebuildableReadModel;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * One rebuild, run by the node that claimed it (docs/OPERATIONS.md, "Rebuild a read model"):
 * <ol>
 * <li>a separate processor ({@code NAME.rebuild.GENERATION}, own tokens in the same token store) replays the whole
 * stream through the live processor's handlers into the target generation, while the live processor keeps the active
 * one current and queries read it;</li>
 * <li>caught up, the state turns {@code swapping}: every node stops its live processor ({@link GenerationFollower});
 * once no segment is claimed any more, the rebuild stops and the live processor's tokens are set to the rebuild's
 * position (the lowest of its segments: events seen twice are harmless, the projections are idempotent);</li>
 * <li>one write makes the target generation active and the state {@code done}: queries switch, and every node starts
 * its live processor again, now writing the new generation;</li>
 * <li>after {@code dropAfter} the old generation's collections and the rebuild's tokens are deleted.</li>
 * </ol>
 * Tokens are written directly, not through {@code resetTokens}: that would call the projection's reset handler, which
 * drops the (by then active) collections.
 */
final class RebuildRun implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(RebuildRun.class);
    /** The Axon Mongo extension's collection of events (its default), for counting on the Mongo event store. */
    private static final String MONGO_EVENTS = "domainevents";

    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(1);
    private static final Duration CAUGHT_UP_CHECK = Duration.ofSeconds(1);

    private final String processor;
    private final int previousGeneration;
    private final int target;
    private final String rebuildName;
    private final Factory deps;

    private RebuildRun(String processor, int previousGeneration, int target, Factory deps) {
        this.processor = processor;
        this.previousGeneration = previousGeneration;
        this.target = target;
        this.rebuildName = rebuildName(processor, target);
        this.deps = deps;
    }

    @Component
    static final class Factory {
        private final EventProcessingConfiguration processing;
        private final ReadModelCollections collections;
        private final ObjectProvider<ReadModelIndexes> indexes;
        private final RebuildStates states;
        private final TokenStore tokenStore;
        private final TransactionManager transactions;
        private final EventStore eventStore;
        private final MongoTemplate mongo;
        private final RebuildSettings settings;
        private final Clock clock;
        private final ObjectProvider<ReadModelDurability> durability;

        Factory(
                EventProcessingConfiguration processing,
                ReadModelCollections collections,
                ObjectProvider<ReadModelIndexes> indexes,
                RebuildStates states,
                TokenStore tokenStore,
                TransactionManager transactions,
                EventStore eventStore,
                MongoTemplate mongo,
                RebuildSettings settings,
                Clock clock,
                ObjectProvider<ReadModelDurability> durability) {
            this.processing = processing;
            this.collections = collections;
            this.indexes = indexes;
            this.states = states;
            this.tokenStore = tokenStore;
            this.transactions = transactions;
            this.eventStore = eventStore;
            this.mongo = mongo;
            this.settings = settings;
            this.clock = clock;
            this.durability = durability;
        }

        RebuildRun create(String processor, int previousGeneration, int target) {
            return new RebuildRun(processor, previousGeneration, target, this);
        }
    }

    @Override
    public void run() {
        RebuildableReadModel model = deps.collections.readModel(processor).orElseThrow();
        PooledStreamingEventProcessor rebuild = null;
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newScheduledThreadPool(2);
        boolean swapped = false;
        try {
            log.info(
                    "Rebuild of {} started: building generation {} beside generation {}",
                    processor,
                    target,
                    previousGeneration);
            drop(model, target);
            deleteTokens(rebuildName);
            // What an earlier run could not delete (it was killed); that run is over, or it could not have been
            // claimed.
            deleteTokens(rebuildName(processor, target - 1));
            deps.indexes
                    .orderedStream()
                    .filter(index -> index.processor().equals(processor))
                    .forEach(index -> deps.collections.inGeneration(processor, target, index::ensure));
            StreamingEventProcessor live = liveProcessor();
            int segments = Math.max(1, deps.tokenStore.fetchSegments(processor).length);
            rebuild = PooledStreamingEventProcessor.builder()
                    .name(rebuildName)
                    .eventHandlerInvoker(((PooledStreamingEventProcessor) live).eventHandlerInvoker())
                    .messageSource(deps.eventStore)
                    .tokenStore(deps.tokenStore)
                    .transactionManager(deps.transactions)
                    .coordinatorExecutor(coordinator)
                    .workerExecutor(workers)
                    .initialSegmentCount(segments)
                    .initialToken(StreamableMessageSource::createTailToken)
                    // Once events stop arriving, the coordinator notices that all were handled (caught up) only at
                    // its next scheduled run, which comes every token claim interval (Axon's default: 5 s).
                    .tokenClaimInterval(CAUGHT_UP_CHECK.toMillis())
                    .batchSize(deps.settings.batchSize())
                    .build();
            rebuild.registerHandlerInterceptor(deps.collections.writingTo(processor, target));
            rebuild.registerHandlerInterceptor(BatchedWrites.flushAtEndOfBatch());
            PooledStreamingEventProcessor flushing = rebuild;
            deps.durability.ifAvailable(
                    durability -> flushing.registerHandlerInterceptor(durability.beforeTokenCommit()));
            rebuild.start();
            PooledStreamingEventProcessor building = rebuild;
            waitFor(() -> caughtUp(building, segments), Duration.ofDays(1), building);
            log.info(
                    "Rebuild of {}: generation {} caught up; stopping the live processors for the swap",
                    processor,
                    target);
            update(Updates.set(RebuildStates.STATE, RebuildStates.SWAPPING));
            boolean stopped =
                    waitFor(() -> !live.isRunning() && noSegmentClaimed(), deps.settings.swapTimeout(), building);
            if (!stopped) {
                throw new IllegalStateException("the live processors did not all stop within "
                        + deps.settings.swapTimeout() + "; is a node not following the swap?");
            }
            rebuild.shutDown();
            TrackingToken position = handOver();
            Instant now = deps.clock.instant();
            update(Updates.combine(
                    Updates.set(RebuildStates.ACTIVE, target),
                    Updates.set(RebuildStates.STATE, RebuildStates.DONE),
                    Updates.set(RebuildStates.PROGRESS, 100),
                    Updates.set(RebuildStates.FINISHED_AT, Date.from(now))));
            swapped = true;
            deps.collections.refresh();
            log.info(
                    "Rebuild of {}: generation {} is active; the live processors continue from {}",
                    processor,
                    target,
                    position);
            waitFor(() -> false, deps.settings.dropAfter(), null);
            drop(model, previousGeneration);
            deleteTokens(rebuildName);
            log.info("Rebuild of {} done: generation {} dropped", processor, previousGeneration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(model, rebuild, swapped, e);
        } catch (RuntimeException e) {
            fail(model, rebuild, swapped, e);
        } finally {
            if (rebuild != null && rebuild.isRunning()) {
                rebuild.shutDown();
            }
            coordinator.shutdownNow();
            workers.shutdownNow();
        }
    }

    private void fail(
            RebuildableReadModel model, PooledStreamingEventProcessor rebuild, boolean swapped, Exception cause) {
        log.error("Rebuild of {} into generation {} failed", processor, target, cause);
        if (swapped) {
            update(Updates.set(RebuildStates.MESSAGE, "the old generation could not be dropped: " + cause));
            return;
        }
        if (rebuild != null && rebuild.isRunning()) {
            rebuild.shutDown();
        }
        // The live processors start again when the state leaves "swapping" (GenerationFollower).
        update(Updates.combine(
                Updates.set(RebuildStates.STATE, RebuildStates.FAILED),
                Updates.set(RebuildStates.MESSAGE, String.valueOf(cause.getMessage())),
                Updates.set(RebuildStates.FINISHED_AT, Date.from(deps.clock.instant()))));
        try {
            drop(model, target);
            deleteTokens(rebuildName);
        } catch (RuntimeException e) {
            log.warn("Could not clean up the failed rebuild of {}", processor, e);
        }
    }

    /**
     * The rebuild processor's name, one per run: a finished run deletes its tokens only after {@code dropAfter}, by
     * which time the next run of the same read model may already be building with its own.
     */
    private static String rebuildName(String processor, int target) {
        return processor + ".rebuild." + target;
    }

    private StreamingEventProcessor liveProcessor() {
        return deps.processing
                .eventProcessor(processor, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + processor + " on this node"));
    }

    private boolean caughtUp(PooledStreamingEventProcessor rebuild, int segments) {
        Collection<EventTrackerStatus> statuses = rebuild.processingStatus().values();
        return statuses.size() == segments
                && statuses.stream().allMatch(EventTrackerStatus::isCaughtUp)
                && statuses.stream().noneMatch(EventTrackerStatus::isErrorState);
    }

    private boolean noSegmentClaimed() {
        return deps.tokenStore.fetchAvailableSegments(processor).size()
                == deps.tokenStore.fetchSegments(processor).length;
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes, reporting progress (and the heartbeat that
     * keeps the claim) meanwhile. False on timeout.
     */
    private boolean waitFor(BooleanSupplier condition, Duration timeout, PooledStreamingEventProcessor rebuild)
            throws InterruptedException {
        Instant deadline = deps.clock.instant().plus(timeout);
        Instant nextReport = Instant.MIN;
        int lastLogged = -10;
        while (!condition.getAsBoolean()) {
            Instant now = deps.clock.instant();
            if (!now.isBefore(deadline)) {
                return false;
            }
            if (!now.isBefore(nextReport)) {
                nextReport = now.plus(PROGRESS_EVERY);
                lastLogged = report(rebuild, lastLogged);
            }
            TimeUnit.MILLISECONDS.sleep(POLL.toMillis());
        }
        return true;
    }

    private int report(PooledStreamingEventProcessor rebuild, int lastLogged) {
        var update = Updates.set(RebuildStates.HEARTBEAT, Date.from(deps.clock.instant()));
        if (rebuild == null) {
            update(update);
            return lastLogged;
        }
        long[] counts = handledAndTotal(rebuild.processingStatus().values());
        int percent = counts[1] == 0 ? 0 : (int) Math.min(99, counts[0] * 100 / counts[1]);
        if (!update(Updates.combine(
                update,
                Updates.set(RebuildStates.PROGRESS, percent),
                Updates.set(RebuildStates.HANDLED, counts[0]),
                Updates.set(RebuildStates.TOTAL, counts[1])))) {
            throw new IllegalStateException("the rebuild was taken over by another node");
        }
        if (percent >= lastLogged + 10) {
            log.info("Rebuild of {}: {}% ({} of {} events)", processor, percent, counts[0], counts[1]);
            return percent;
        }
        return lastLogged;
    }

    /**
     * Events handled and stored: by global position where the store numbers its events (PostgreSQL), else by
     * counting the stored events up to the rebuild's timestamp (MongoDB).
     */
    private long[] handledAndTotal(Collection<EventTrackerStatus> statuses) {
        Optional<TrackingToken> lowest = statuses.stream()
                .map(EventTrackerStatus::getTrackingToken)
                .filter(Objects::nonNull)
                .reduce(TrackingToken::lowerBound);
        TrackingToken head = deps.eventStore.createHeadToken();
        if (head != null && head.position().isPresent()) {
            return new long[] {
                lowest.flatMap(token -> {
                            var position = token.position();
                            return position.isPresent() ? Optional.of(position.getAsLong()) : Optional.empty();
                        })
                        .orElse(0L),
                head.position().getAsLong()
            };
        }
        MongoCollection<Document> events = deps.mongo.getCollection(MONGO_EVENTS);
        long total = events.countDocuments();
        long handled = lowest.filter(MongoTrackingToken.class::isInstance)
                .map(MongoTrackingToken.class::cast)
                .map(token -> events.countDocuments(
                        Filters.lte("timestamp", DateTimeUtils.formatInstant(token.getTimestamp()))))
                .orElse(0L);
        return new long[] {handled, total};
    }

    /** Sets every live segment's token to where the rebuild stands; returns that position. */
    private TrackingToken handOver() {
        return deps.transactions.fetchInTransaction(() -> {
            TrackingToken position = null;
            boolean fromStart = false;
            for (int segment : deps.tokenStore.fetchSegments(rebuildName)) {
                TrackingToken token = deps.tokenStore.fetchToken(rebuildName, segment);
                deps.tokenStore.releaseClaim(rebuildName, segment);
                if (token == null) {
                    // A segment that has not stored a position yet (it only skipped events so far): start over.
                    fromStart = true;
                    break;
                }
                position = position == null ? token : position.lowerBound(token);
            }
            if (fromStart || position == null) {
                // Handling events twice is harmless for a rebuildable read model; a token store cannot hold "none".
                position = deps.eventStore.createTailToken();
            }
            if (position == null) {
                return null;
            }
            for (int segment : deps.tokenStore.fetchSegments(processor)) {
                deps.tokenStore.fetchToken(processor, segment);
                deps.tokenStore.storeToken(position, processor, segment);
                deps.tokenStore.releaseClaim(processor, segment);
            }
            return position;
        });
    }

    private void deleteTokens(String name) {
        for (int segment : deps.tokenStore.fetchSegments(name)) {
            try {
                deps.transactions.executeInTransaction(() -> {
                    deps.tokenStore.fetchToken(name, segment);
                    deps.tokenStore.deleteToken(name, segment);
                });
            } catch (UnableToClaimTokenException e) {
                log.warn("Token {} segment {} is claimed elsewhere; left in place", name, segment);
            }
        }
    }

    private void drop(RebuildableReadModel model, int generation) {
        model.collections().forEach(base -> deps.mongo.dropCollection(ReadModelCollections.name(base, generation)));
    }

    private boolean update(org.bson.conversions.Bson update) {
        return deps.states.update(processor, target, update);
    }
}
