package com.bazaar.bench;

import java.util.Map;

/** One row of the report. Latencies in milliseconds; {@code failures} counts errors by HTTP status or exception. */
record ScenarioResult(
        String name,
        long requests,
        long errors,
        Map<String, Long> failures,
        double seconds,
        double throughput,
        double p50,
        double p95,
        double p99,
        double max,
        String note) {}
