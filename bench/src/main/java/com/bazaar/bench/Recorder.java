package com.bazaar.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Latencies and failures of one scenario, safe to record from many workers. Latencies are kept in microseconds, up
 * to 10 minutes, with 3 significant digits. A failure is any answer outside 2xx or an exception; failures are also
 * counted by status (or exception type) so the report can say what went wrong.
 */
final class Recorder {

    private final Histogram latencies = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, AtomicLong> failures = new ConcurrentHashMap<>();

    void record(long nanos, int status) {
        latencies.recordValue(Math.min(TimeUnit.NANOSECONDS.toMicros(nanos), latencies.getHighestTrackableValue()));
        if (status < 200 || status >= 300) {
            fail(String.valueOf(status));
        }
    }

    void fail(String what) {
        errors.incrementAndGet();
        failures.computeIfAbsent(what, key -> new AtomicLong()).incrementAndGet();
    }

    /** The scenario's figures, throughput over {@code elapsedNanos} of wall-clock time (none when 0). */
    ScenarioResult result(String name, long elapsedNanos, String note) {
        Map<String, Long> byKind = new TreeMap<>();
        failures.forEach((kind, count) -> byKind.put(kind, count.get()));
        long count = latencies.getTotalCount();
        return new ScenarioResult(
                name,
                count,
                errors.get(),
                byKind,
                elapsedNanos / 1e9,
                elapsedNanos > 0 ? count / (elapsedNanos / 1e9) : Double.NaN,
                millis(latencies.getValueAtPercentile(50)),
                millis(latencies.getValueAtPercentile(95)),
                millis(latencies.getValueAtPercentile(99)),
                millis(latencies.getMaxValue()),
                note);
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
