package com.bazaar.app.eventstore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventStream;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's embedded event store, whose event streams tell a pooled processor when events arrive.
 *
 * <p>Why: Axon's {@code PooledStreamingEventProcessor} asks its event stream for an availability callback. The
 * embedded store's streams offer none, and then the processor's coordinator looks at a caught-up stream only every
 * 500 ms (a constant in Axon), so an event reached the projections of the very node that appended it up to half a
 * second later, and every read-your-writes read waited for that (docs/PERFORMANCE.md). Here one daemon thread tails
 * the store and calls back every open stream that asked. It is woken by the store's own producer: at once after a
 * commit on this node; for events appended by other nodes at once where the storage announces them ({@link
 * #readStorageNow()}), and at the store's next fetch on an external MongoDB. With the
 * callback in place the coordinator no longer polls its stream at all between arrivals (it runs every few seconds
 * to keep its claims), which also lowers the idle cost.
 */
final class ArrivalSignallingEventStore extends EmbeddedEventStore {

    private static final Logger log = LoggerFactory.getLogger(ArrivalSignallingEventStore.class);
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final Duration minimumGap;
    private final boolean storageAnnouncesAppends;
    private final Set<Runnable> callbacks = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean watching = new AtomicBoolean();
    private volatile boolean shutDown;
    private volatile Thread watcher;

    /**
     * @param minimumGap the least time between two signals. The first event after a quiet spell is signalled at once;
     *     under load, the events that arrive within the gap are handled as one batch (one token commit and read-model
     *     sync per processor) instead of one batch each, which would cost command throughput (docs/PERFORMANCE.md).
     */
    ArrivalSignallingEventStore(Builder builder, Duration minimumGap) {
        this(builder, minimumGap, false);
    }

    /**
     * @param storageAnnouncesAppends the storage calls {@link #readStorageNow()} after every append, this node's
     *     included, before the append returns ({@link StorageAppends#announcesOwnAppendsAtOnce()}): then a commit on this
     *     node does not also make the store read, which on the embedded MongoDB server would be a second scan of the
     *     events per command
     */
    ArrivalSignallingEventStore(Builder builder, Duration minimumGap, boolean storageAnnouncesAppends) {
        super(builder);
        this.minimumGap = minimumGap;
        this.storageAnnouncesAppends = storageAnnouncesAppends;
    }

    @Override
    public TrackingEventStream openStream(TrackingToken trackingToken) {
        return new SignallingStream(super.openStream(trackingToken));
    }

    /**
     * Makes the store read its storage now instead of at its next poll: the storage announced appends ({@link
     * StorageAppends}). The read finds them and wakes the processors.
     */
    void readStorageNow() {
        super.afterCommit(List.of());
    }

    @Override
    protected void afterCommit(List<? extends EventMessage<?>> events) {
        if (!storageAnnouncesAppends) {
            super.afterCommit(events);
        }
    }

    @Override
    public void shutDown() {
        shutDown = true;
        Thread running = watcher;
        if (running != null) {
            running.interrupt();
        }
        super.shutDown();
    }

    /** Started by the first stream that asks for a callback, so the store is fully built before it is tailed. */
    private void ensureWatching() {
        if (!shutDown && watching.compareAndSet(false, true)) {
            Thread thread = new Thread(this::watch, "event-arrivals");
            thread.setDaemon(true);
            watcher = thread;
            thread.start();
        }
    }

    private void watch() {
        while (!shutDown) {
            try (TrackingEventStream arrivals = super.openStream(createHeadToken())) {
                while (!shutDown) {
                    if (arrivals.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        // Drain what is there: one signal per arrival burst, not per event.
                        while (arrivals.hasNextAvailable()) {
                            arrivals.nextAvailable();
                        }
                        signal();
                        TimeUnit.NANOSECONDS.sleep(minimumGap.toNanos());
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (shutDown) {
                    return;
                }
                // The coordinators still run every few seconds: a failing store delays events, it loses none.
                log.warn("Watching the event store for arrivals failed; retrying in {}", RETRY_AFTER_FAILURE, e);
                try {
                    TimeUnit.MILLISECONDS.sleep(RETRY_AFTER_FAILURE.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void signal() {
        for (Runnable callback : callbacks) {
            try {
                callback.run();
            } catch (RuntimeException e) {
                // A processor shutting down rejects new coordination tasks; its stream is about to close.
                log.debug("An arrival callback failed", e);
            }
        }
    }

    private final class SignallingStream implements TrackingEventStream {

        private final TrackingEventStream delegate;
        private volatile Runnable callback;

        private SignallingStream(TrackingEventStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean setOnAvailableCallback(Runnable onAvailable) {
            Runnable previous = callback;
            if (previous != null) {
                callbacks.remove(previous);
            }
            callback = onAvailable;
            callbacks.add(onAvailable);
            ensureWatching();
            return true;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return delegate.peek();
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            return delegate.hasNextAvailable(timeout, unit);
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            return delegate.nextAvailable();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            delegate.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public void close() {
            Runnable registered = callback;
            if (registered != null) {
                callbacks.remove(registered);
            }
            delegate.close();
        }
    }
}
