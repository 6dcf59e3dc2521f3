package com.bazaar.operations.rebuild;

import com.bazaar.platform.readmodel.ReadModelCollections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Makes this node follow the shared rebuild states: reads the active generations again (so queries switch within
 * {@code followInterval} of a swap), stops this node's live processor while its read model is {@code swapping}, and
 * starts it again afterwards. Runs on every node, so it is not a {@code @Scheduled} job (those run once per cluster
 * through ShedLock); it only reads shared state and acts on this node's own processors.
 */
@Component
@EnableConfigurationProperties(RebuildSettings.class)
class GenerationFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GenerationFollower.class);

    private final RebuildStates states;
    private final ReadModelCollections collections;
    private final EventProcessingConfiguration processing;
    private final RebuildSettings settings;
    /** Live processors this node stopped for a swap: only these are started again (this node's own fact). */
    private final Set<String> stoppedForSwap = ConcurrentHashMap.newKeySet();

    private ScheduledExecutorService timer;

    GenerationFollower(
            RebuildStates states,
            ReadModelCollections collections,
            EventProcessingConfiguration processing,
            RebuildSettings settings) {
        this.states = states;
        this.collections = collections;
        this.processing = processing;
        this.settings = settings;
    }

    void follow() {
        try {
            List<Document> all = states.all();
            // Generations first: a live processor started below must already write the new generation.
            collections.refresh(all);
            for (Document state : all) {
                String processor = state.getString("_id");
                boolean swapping = RebuildStates.SWAPPING.equals(state.getString(RebuildStates.STATE));
                processing
                        .eventProcessor(processor, StreamingEventProcessor.class)
                        .ifPresent(live -> {
                            if (swapping && live.isRunning()) {
                                log.info(
                                        "Stopping the live processor {} for the swap to generation {}",
                                        processor,
                                        state.get(RebuildStates.TARGET));
                                stoppedForSwap.add(processor);
                                live.shutDown();
                            } else if (!swapping && stoppedForSwap.remove(processor)) {
                                log.info(
                                        "Starting the live processor {} again on generation {}",
                                        processor,
                                        collections.activeGeneration(processor));
                                live.start();
                            }
                        });
            }
        } catch (RuntimeException e) {
            log.warn("Could not follow the read model generations; trying again", e);
        }
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "read-model-generations");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.followInterval().toMillis();
        timer.scheduleWithFixedDelay(this::follow, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
