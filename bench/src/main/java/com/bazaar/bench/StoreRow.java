package com.bazaar.bench;

/**
 * One figure of the store benchmark next to its baseline from the same run. For a {@code RATE} (higher is better:
 * commands/s, loads/s, events/s) the ratio is value ÷ baseline, so 0.5 means half the raw rate; for a {@code COST}
 * (idle CPU, memory) it is value ÷ baseline too, so 2 means twice the empty store's cost. {@code SINGLE} has none.
 * Latencies in ms, NaN where the figure has none.
 */
record StoreRow(
        String store,
        long events,
        String figure,
        Kind kind,
        double value,
        String unit,
        double baseline,
        String baselineName,
        double p50,
        double p99,
        double baselineP50,
        double baselineP99,
        long errors,
        String note) {

    enum Kind {
        RATE,
        COST,
        SINGLE
    }

    static StoreRow compare(
            String store,
            long events,
            String figure,
            ScenarioResult measured,
            ScenarioResult baseline,
            String baselineName,
            String note) {
        return new StoreRow(
                store,
                events,
                figure,
                Kind.RATE,
                measured.throughput(),
                "/s",
                baseline.throughput(),
                baselineName,
                measured.p50(),
                measured.p99(),
                baseline.p50(),
                baseline.p99(),
                measured.errors() + baseline.errors(),
                note + failures(measured) + failures(baseline));
    }

    static StoreRow rate(
            String store, long events, String figure, double value, double baseline, String baselineName, String note) {
        return new StoreRow(
                store,
                events,
                figure,
                Kind.RATE,
                value,
                "/s",
                baseline,
                baselineName,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                note);
    }

    static StoreRow cost(
            String store, long events, String figure, double value, double baseline, String baselineName, String note) {
        return new StoreRow(
                store,
                events,
                figure,
                Kind.COST,
                value,
                "",
                baseline,
                baselineName,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                note);
    }

    static StoreRow single(String store, long events, String figure, double value, String unit, String note) {
        return new StoreRow(
                store,
                events,
                figure,
                Kind.SINGLE,
                value,
                unit,
                Double.NaN,
                "",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                0,
                note);
    }

    /** value ÷ baseline (NaN without a baseline). */
    double ratio() {
        return kind == Kind.SINGLE ? Double.NaN : value / baseline;
    }

    /** How many times the baseline's cost this figure costs: 1 = as cheap as the raw store, higher = dearer. */
    double costFactor() {
        return switch (kind) {
            case RATE -> baseline / value;
            case COST -> value / baseline;
            case SINGLE -> Double.NaN;
        };
    }

    private static String failures(ScenarioResult result) {
        return result.failures().isEmpty() ? "" : "; failures " + result.failures();
    }
}
