package com.bazaar.bench;

import com.bazaar.operations.processors.TrackingPositions;
import com.mongodb.client.MongoClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.Repository;
import org.axonframework.serialization.Serializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The running application's event store as the store benchmark drives it, all through the application's own beans:
 * its storage engine and event serializer (for the generator), its Cart repository and snapshotter (aggregate loads),
 * its event processors and tracking positions (catch-up, rebuild), and the raw driver baseline on the same store.
 */
final class StoreUnderTest {

    /** The read model the rebuild figure replays (query-side FeedProjection's processing group). */
    static final String FEED_PROCESSOR = "feed";

    private static final String CART_CLASS = "com.bazaar.command.cart.Cart";

    private final ConfigurableApplicationContext context;
    private final EventStorageEngine engine;
    private final RawStore raw;

    StoreUnderTest(ConfigurableApplicationContext context, String store) {
        this.context = context;
        this.engine = context.getBean(EventStorageEngine.class);
        this.raw = store.equals("postgres")
                ? new PostgresRawStore(context.getBean("eventStoreDataSource", DataSource.class))
                : new MongoRawStore(context.getBean(MongoClient.class), context.getBean(MongoTemplate.class));
    }

    EventStorageEngine engine() {
        return engine;
    }

    RawStore raw() {
        return raw;
    }

    Serializer eventSerializer() {
        return context.getBean("eventSerializer", Serializer.class);
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Waits until every running streaming processor has handled the newest stored event; answers the wait. */
    Duration awaitCaughtUp(Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        TrackingPositions positions = context.getBean(TrackingPositions.class);
        long nextReport = started + Duration.ofSeconds(30).toNanos();
        while (!caughtUp(positions)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "processors not caught up after " + timeout + ": " + lagging(positions));
            }
            if (System.nanoTime() > nextReport) {
                StoreBenchmark.progress("still catching up: " + lagging(positions));
                nextReport += Duration.ofSeconds(30).toNanos();
            }
            pause(200);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Every segment token the token store holds is at the head (a processor may claim no segment right now). */
    private boolean caughtUp(TrackingPositions positions) {
        return lagging(positions).isEmpty();
    }

    /** The running processors whose stored tokens are not at the head yet, with where they are. */
    private List<String> lagging(TrackingPositions positions) {
        TrackingPositions.Position head = positions.head();
        List<String> lagging = new ArrayList<>();
        streamingProcessors().filter(StreamingEventProcessor::isRunning).forEach(processor -> {
            for (TrackingPositions.StoredSegment segment : positions.segments(processor.getName())) {
                TrackingPositions.Position at = positions.of(WrappedToken.unwrapLowerBound(segment.token()));
                if (!at(at, head)) {
                    lagging.add(processor.getName() + "/" + segment.segment() + " at "
                            + (at.index() != null ? at.index() : at.timestamp()) + " of "
                            + (head.index() != null ? head.index() : head.timestamp()));
                }
            }
        });
        return lagging;
    }

    private static boolean caughtUp(
            Map<Integer, EventTrackerStatus> segments, TrackingPositions.Position head, TrackingPositions positions) {
        if (segments.isEmpty()) {
            return false;
        }
        for (EventTrackerStatus status : segments.values()) {
            if (status.isErrorState()) {
                continue;
            }
            // Not isReplaying(): a replay token stays "replaying" until an event newer than the reset point arrives.
            if (!at(positions.of(WrappedToken.unwrapLowerBound(status.getTrackingToken())), head)) {
                return false;
            }
        }
        return true;
    }

    private static boolean at(TrackingPositions.Position position, TrackingPositions.Position head) {
        if (head.index() != null) {
            return position.index() != null && position.index() >= head.index();
        }
        if (head.timestamp() != null) {
            return position.timestamp() != null && !position.timestamp().isBefore(head.timestamp());
        }
        return true;
    }

    private Stream<StreamingEventProcessor> streamingProcessors() {
        return context.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast);
    }

    /**
     * Moves every streaming processor's stored tokens to the head of the store without handling the events between
     * (processors shut down meanwhile, so their claims are released): for sizes whose catch-up this machine cannot
     * afford. Their read models then miss those events; figures that need them are not taken at such sizes.
     */
    void moveProcessorsToHead() {
        streamingProcessors().filter(StreamingEventProcessor::isRunning).forEach(processor -> {
            processor.shutDown();
            storeAtHead(processor.getName());
            processor.start();
        });
    }

    /** Stores the head token for every segment of a shut-down processor and leaves the segments unclaimed. */
    private void storeAtHead(String processorName) {
        TokenStore tokens = context.getBean(EventProcessingConfiguration.class).tokenStore(processorName);
        TrackingToken head = engine.createHeadToken();
        for (TrackingPositions.StoredSegment segment :
                context.getBean(TrackingPositions.class).segments(processorName)) {
            tokens.storeToken(head, processorName, segment.segment());
            tokens.releaseClaim(processorName, segment.segment());
        }
    }

    /**
     * Replays the feed from the first event until it is done or {@code window} has passed, then moves its token back
     * to the head: answers the events per second it got through (the lowest segment's global index over the time
     * taken; PostgreSQL tokens only).
     */
    double rebuildFeedFor(Duration window) {
        StreamingEventProcessor feed = feedProcessor();
        TrackingPositions positions = context.getBean(TrackingPositions.class);
        long started = System.nanoTime();
        replayFeed(feed, positions, window);
        double seconds = (System.nanoTime() - started) / 1e9;
        long handled = feed.processingStatus().values().stream()
                .map(status -> positions
                        .of(WrappedToken.unwrapLowerBound(status.getTrackingToken()))
                        .index())
                .mapToLong(index -> {
                    if (index == null) {
                        throw new IllegalStateException("a rebuild window needs tokens with a position (PostgreSQL)");
                    }
                    return index;
                })
                .min()
                .orElse(0);
        feed.shutDown();
        storeAtHead(FEED_PROCESSOR);
        feed.start();
        return handled / seconds;
    }

    private StreamingEventProcessor feedProcessor() {
        return context.getBean(EventProcessingConfiguration.class)
                .eventProcessor(FEED_PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("no streaming processor " + FEED_PROCESSOR));
    }

    /**
     * Replays the feed from the first event the way a token reset does (its reset handler empties the read model),
     * and answers how long until it has handled the newest event again.
     */
    Duration rebuildFeed(Duration timeout) {
        StreamingEventProcessor feed = feedProcessor();
        TrackingPositions positions = context.getBean(TrackingPositions.class);
        long started = System.nanoTime();
        if (!replayFeed(feed, positions, timeout)) {
            throw new IllegalStateException("feed rebuild not done after " + timeout);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Resets the feed's tokens and runs it until it has handled the newest event or {@code limit} passed. */
    private static boolean replayFeed(StreamingEventProcessor feed, TrackingPositions positions, Duration limit) {
        feed.shutDown();
        feed.resetTokens();
        TrackingPositions.Position head = positions.head();
        long deadline = System.nanoTime() + limit.toNanos();
        feed.start();
        while (!caughtUp(feed.processingStatus(), head, positions)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            pause(20);
        }
        return true;
    }

    /** Reads every stored event through the storage engine's tracking stream (deserializing each payload). */
    long readAllThroughEngine(long expected) {
        try (Stream<? extends org.axonframework.eventhandling.TrackedEventMessage<?>> events =
                engine.readEvents((TrackingToken) null, false)) {
            return events.limit(expected).peek(event -> event.getPayload()).count();
        }
    }

    /** Loads the cart through the application's repository (snapshot first, if any), as a command handler would. */
    int loadCart(String cartId) {
        Repository<?> repository = cartRepository();
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            repository.load(cartId);
        } finally {
            // Rolled back: a load changes nothing. (The cart's snapshot trigger may still store a snapshot of a long
            // history, which is why the no-snapshot figure deletes the cart's snapshots before each load.)
            unitOfWork.rollback();
        }
        return 200;
    }

    /** Stores a snapshot of the cart at its last event with the application's snapshotter, and waits for it. */
    void snapshotCart(String cartId) throws ClassNotFoundException {
        context.getBean(Snapshotter.class).scheduleSnapshot(Class.forName(CART_CLASS), cartId);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (engine.readSnapshot(cartId).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no snapshot of " + cartId);
            }
            pause(200);
        }
    }

    private Repository<?> cartRepository() {
        Map<String, Repository> repositories = context.getBeansOfType(Repository.class);
        List<Repository> carts = repositories.entrySet().stream()
                .filter(entry -> entry.getKey().equalsIgnoreCase("cartRepository"))
                .map(Map.Entry::getValue)
                .toList();
        if (carts.size() != 1) {
            throw new IllegalStateException("expected one cartRepository bean among " + repositories.keySet());
        }
        return carts.get(0);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
