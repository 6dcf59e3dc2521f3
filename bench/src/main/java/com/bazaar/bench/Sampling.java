package com.bazaar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;

/** Timed repetitions for the store benchmark, recorded like the HTTP scenarios (HdrHistogram via {@link Recorder}). */
final class Sampling {

    /** Something timed once; answers a status (200 when it worked). */
    @FunctionalInterface
    interface Step {
        int run(int worker, int index);
    }

    private Sampling() {}

    /**
     * One caller repeating {@code action} up to {@code max} times or until {@code budget} is spent (at least three
     * times, so a slow case still has a median). Throughput = repetitions per second of wall-clock time.
     */
    static ScenarioResult repeat(String name, int max, Duration budget, IntSupplier action, String note) {
        return repeat(name, max, budget, () -> {}, action, note);
    }

    /** As above, running {@code before} untimed ahead of every repetition. */
    static ScenarioResult repeat(
            String name, int max, Duration budget, Runnable before, IntSupplier action, String note) {
        Recorder recorder = new Recorder();
        long started = System.nanoTime();
        long until = started + budget.toNanos();
        for (int i = 0; i < max && (i < 3 || System.nanoTime() < until); i++) {
            before.run();
            long begin = System.nanoTime();
            try {
                int status = action.getAsInt();
                recorder.record(System.nanoTime() - begin, status);
            } catch (RuntimeException failed) {
                recorder.fail(failed.getClass().getSimpleName() + ": " + failed.getMessage());
            }
        }
        return recorder.result(name, System.nanoTime() - started, note);
    }

    /**
     * {@code concurrency} workers, each running {@code perWorker} steps back to back (a closed loop with a fixed amount
     * of work, so every item is done exactly once). Throughput = steps per second of wall-clock time.
     */
    static ScenarioResult bounded(String name, int concurrency, int perWorker, Step step, String note) {
        Recorder recorder = new Recorder();
        List<Thread> workers = new ArrayList<>();
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            int worker = w;
            Thread thread = new Thread(
                    () -> {
                        for (int i = 0; i < perWorker; i++) {
                            long begin = System.nanoTime();
                            try {
                                int status = step.run(worker, i);
                                recorder.record(System.nanoTime() - begin, status);
                            } catch (RuntimeException failed) {
                                recorder.fail(failed.getClass().getSimpleName() + ": " + failed.getMessage());
                            }
                        }
                    },
                    "bench-" + name + "-" + w);
            workers.add(thread);
            thread.start();
        }
        workers.forEach(Workers::join);
        return recorder.result(name, System.nanoTime() - started, note);
    }
}
