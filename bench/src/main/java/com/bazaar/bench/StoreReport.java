package com.bazaar.bench;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The store benchmark's Markdown: one table per store, every figure with its baseline and the ratio. */
final class StoreReport {

    private final StoreBenchConfig config;
    private final List<StoreRow> rows;
    private final Map<String, Double> startups;
    private final String postgres;
    private final Instant started;

    StoreReport(
            StoreBenchConfig config,
            List<StoreRow> rows,
            Map<String, Double> startups,
            String postgres,
            Instant started) {
        this.config = config;
        this.rows = rows;
        this.startups = startups;
        this.postgres = postgres;
        this.started = started;
    }

    String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("## Bazaar store benchmark, ")
                .append(started)
                .append(" to ")
                .append(Instant.now())
                .append("\n\n");
        out.append(MarkdownReport.machine());
        out.append("- stores: ")
                .append(config.stores())
                .append("; sizes (events): ")
                .append(config.events())
                .append("; feed sizes (listings): ")
                .append(config.listings())
                .append('\n');
        out.append(String.format(
                Locale.ROOT,
                "- %d concurrent clients, %d commands of each kind per size, up to %d "
                        + "samples or %d s per sampled case, idle window %d s, generator batches of %d%n",
                config.concurrency(),
                config.commands(),
                config.samples(),
                config.budget().toSeconds(),
                config.idle().toSeconds(),
                config.batch()));
        out.append("- PostgreSQL: ").append(postgres).append('\n');
        out.append("- application arguments added: ")
                .append(config.appArguments())
                .append('\n');
        startups.forEach((what, seconds) ->
                out.append(String.format(Locale.ROOT, "- application start-up, %s: %.1f s%n", what, seconds)));
        out.append("- load average (1/5/15 min) at the end: ")
                .append(MarkdownReport.loadAverage())
                .append("\n\n");
        for (String store : config.stores()) {
            out.append("### ").append(store).append("\n\n");
            out.append("| events stored | figure | value | baseline | ratio | p50 ms | p99 ms | baseline p50 ms "
                    + "| baseline p99 ms | errors | note |\n");
            out.append("| ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
            for (StoreRow row : rows) {
                if (!row.store().equals(store)) {
                    continue;
                }
                out.append(String.format(
                        Locale.ROOT,
                        "| %,d | %s | %s %s | %s | %s | %s | %s | %s | %s | %d | %s |%n",
                        row.events(),
                        row.figure(),
                        number(row.value()),
                        row.unit(),
                        row.kind() == StoreRow.Kind.SINGLE
                                ? "—"
                                : number(row.baseline()) + " " + row.unit() + " (" + row.baselineName() + ")",
                        number(row.ratio()),
                        number(row.p50()),
                        number(row.p99()),
                        number(row.baselineP50()),
                        number(row.baselineP99()),
                        row.errors(),
                        row.note()));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return "—";
        }
        if (value != 0 && Math.abs(value) < 0.01) {
            return String.format(Locale.ROOT, "%.2g", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%,.0f" : "%.2f", value);
    }
}
