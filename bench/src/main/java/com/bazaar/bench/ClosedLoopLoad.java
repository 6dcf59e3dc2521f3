package com.bazaar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * A fixed number of workers, each sending its next request as soon as the previous one answered (a closed loop, so
 * throughput is what the system sustains at that concurrency). The first {@code warmup} is not recorded.
 */
final class ClosedLoopLoad {

    /** One request of a scenario; answers the HTTP status. Each worker gets its own, so it may keep state. */
    @FunctionalInterface
    interface Probe {
        int call();
    }

    private final int concurrency;
    private final Duration warmup;
    private final Duration measure;

    ClosedLoopLoad(int concurrency, Duration warmup, Duration measure) {
        this.concurrency = concurrency;
        this.warmup = warmup;
        this.measure = measure;
    }

    ScenarioResult run(String name, Supplier<Probe> probes, String note) {
        Recorder recorder = new Recorder();
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Probe probe = probes.get();
            Thread worker = new Thread(() -> loop(probe, recorder, measureFrom, measureUntil), "bench-" + name + i);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            Workers.join(worker);
        }
        return recorder.result(name, measure.toNanos(), note);
    }

    private static void loop(Probe probe, Recorder recorder, long measureFrom, long measureUntil) {
        while (true) {
            long start = System.nanoTime();
            if (start >= measureUntil) {
                return;
            }
            int status;
            try {
                status = probe.call();
            } catch (RuntimeException failed) {
                if (start >= measureFrom) {
                    recorder.fail(failed.getClass().getSimpleName());
                }
                continue;
            }
            if (start >= measureFrom) {
                recorder.record(System.nanoTime() - start, status);
            }
        }
    }
}
