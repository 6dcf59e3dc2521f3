package com.bazaar.operations.rebuild;

import com.bazaar.platform.readmodel.ReadModelCollections;
import jakarta.annotation.PreDestroy;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Starts live rebuilds of read models and tells how far they are (docs/OPERATIONS.md, "Rebuild a read model"). The
 * node that claims a rebuild runs it ({@link RebuildRun}); every node follows its outcome ({@link GenerationFollower}).
 * {@link #progress} is what the processor listing shows for a processor being rebuilt.
 */
@Component
public class ProjectionRebuilds {

    private static final String PROBLEMS = "/problems/";

    /**
     * Processors whose handlers act on the world instead of describing it: replaying history through them would
     * repeat those acts. Their state is rebuilt by the aggregates themselves, never by a replay.
     */
    private static final Map<String, String> SIDE_EFFECTS = Map.of(
            "payments",
                    "the payment saga creates Stripe payment intents and sends commands; a replay would charge "
                            + "and cancel orders again",
            "payment-notifications", "it tells shoppers about payments; a replay would notify them again",
            "order-listings",
                    "this order policy reserves, sells and releases listings by sending commands; a replay "
                            + "would send them again",
            "listing-availability",
                    "checkout decides on it; it is the command side's own record, kept by the "
                            + "aggregates' events as they happen, and a replay would race live checkouts",
            "payment-deadlines",
                    "it schedules payment deadlines that cancel unpaid orders; a replay would schedule "
                            + "deadlines that have long passed",
            "chat-orders", "it opens and closes order chat threads by sending commands; a replay would send them again",
            "media-attachments",
                    "it marks uploads as used so the cleanup keeps them; a replay would revive uploads "
                            + "that were already cleaned up",
            "chat-live",
                    "it pushes live chat messages to connected phones and keeps no read model; a replay would "
                            + "push old messages again");

    private final EventProcessingConfiguration processing;
    private final ReadModelCollections collections;
    private final RebuildStates states;
    private final RebuildRun.Factory runs;
    private final RebuildSettings settings;
    private final Clock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);
    /** One thread per running rebuild: a queued run would not report, and its claim would look abandoned. */
    private final ExecutorService runner = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionRebuilds(
            EventProcessingConfiguration processing,
            ReadModelCollections collections,
            RebuildStates states,
            RebuildRun.Factory runs,
            RebuildSettings settings,
            Clock clock) {
        this.processing = processing;
        this.collections = collections;
        this.states = states;
        this.runs = runs;
        this.settings = settings;
        this.clock = clock;
    }

    /** The running or last rebuild of {@code processor}, as every node sees it; empty if it was never rebuilt. */
    public Optional<RebuildProgress> progress(String processor) {
        return states.find(processor)
                .filter(state -> state.containsKey(RebuildStates.STATE))
                .map(RebuildProgress::of);
    }

    /** Claims and starts a rebuild of {@code processor} on this node, or says why not ({@link RebuildRefused}). */
    RebuildProgress start(String processor, String userId) {
        if (processing.eventProcessor(processor).isEmpty()) {
            throw new RebuildRefused(
                    HttpStatus.NOT_FOUND,
                    PROBLEMS + "unknown-processor",
                    "Unknown processor",
                    "There is no event processor named '" + processor + "'.");
        }
        String sideEffects = SIDE_EFFECTS.get(processor);
        if (sideEffects != null) {
            throw new RebuildRefused(
                    HttpStatus.CONFLICT,
                    PROBLEMS + "processor-not-replayable",
                    "This processor must not run again",
                    "'" + processor + "' cannot be rebuilt: " + sideEffects + ".");
        }
        if (collections.readModel(processor).isEmpty()) {
            throw new RebuildRefused(
                    HttpStatus.CONFLICT,
                    PROBLEMS + "processor-not-rebuildable-yet",
                    "Not rebuildable yet",
                    "The read model of '" + processor + "' cannot be rebuilt live yet: its "
                            + "collections are not versioned by generation (docs/OPERATIONS.md, \"Rebuild a read model\").");
        }
        var claimed = states.claim(processor, userId, node, clock.instant(), settings.staleAfter())
                .orElseThrow(() -> new RebuildRefused(
                        HttpStatus.CONFLICT,
                        PROBLEMS + "rebuild-running",
                        "A rebuild is already running",
                        "A rebuild of '" + processor + "' is already running; follow it with GET "
                                + "/api/v1/admin/processors/" + processor + "/rebuild."));
        RebuildProgress progress = RebuildProgress.of(claimed);
        runner.execute(runs.create(processor, progress.activeGeneration(), progress.targetGeneration()));
        return progress;
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
    }
}
