package com.bazaar.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** The run as Markdown: what ran where, one table row per scenario, and every failure spelled out. */
final class MarkdownReport {

    private final BenchConfig config;
    private final double startupSeconds;

    MarkdownReport(BenchConfig config, double startupSeconds) {
        this.config = config;
        this.startupSeconds = startupSeconds;
    }

    String render(List<ScenarioResult> results) {
        StringBuilder out = new StringBuilder();
        out.append("## Bazaar bench, ").append(Instant.now()).append("\n\n");
        out.append(machine());
        out.append(String.format(
                Locale.ROOT,
                "- %d listings from %d sellers (%d publishing at once); reads: %d "
                        + "concurrent clients, %d s warm-up + %d s measured per scenario; %d checkouts by %d shoppers%n",
                config.listings(),
                config.sellers(),
                config.seedConcurrency(),
                config.concurrency(),
                config.warmup().toSeconds(),
                config.measure().toSeconds(),
                config.checkouts(),
                config.concurrency()));
        out.append("- application arguments added: ")
                .append(config.appArguments())
                .append('\n');
        out.append(String.format(Locale.ROOT, "- application start-up: %.1f s%n", startupSeconds));
        // The harness shares the cores with whatever else runs; a high load average means noisy numbers.
        out.append("- load average (1/5/15 min) at the end: ")
                .append(loadAverage())
                .append("\n\n");
        out.append("| scenario | requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | note |\n");
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (ScenarioResult r : results) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %d | %d | %s | %.1f | %.1f | %.1f | %.1f | %s |%n",
                    r.name().replace("  ", "&nbsp;&nbsp;↳ "),
                    r.requests(),
                    r.errors(),
                    Double.isNaN(r.throughput()) ? "—" : String.format(Locale.ROOT, "%.1f", r.throughput()),
                    r.p50(),
                    r.p95(),
                    r.p99(),
                    r.max(),
                    r.note()));
        }
        long errors = results.stream().mapToLong(ScenarioResult::errors).sum();
        out.append('\n')
                .append(errors == 0 ? "No errors: every request answered 2xx.\n" : "**" + errors + " errors:**\n");
        for (ScenarioResult r : results) {
            r.failures()
                    .forEach((kind, count) -> out.append("- ")
                            .append(r.name().strip())
                            .append(": ")
                            .append(count)
                            .append(" × ")
                            .append(kind.length() > 300 ? kind.substring(0, 300) + "…" : kind)
                            .append('\n'));
        }
        return out.toString();
    }

    /** The machine and JVM lines every report starts with. */
    static String machine() {
        Runtime runtime = Runtime.getRuntime();
        return String.format(
                        Locale.ROOT,
                        "- machine: %d cores, %s %s, Java %s (%s), max heap %d MiB%n",
                        runtime.availableProcessors(),
                        System.getProperty("os.name"),
                        System.getProperty("os.arch"),
                        System.getProperty("java.version"),
                        System.getProperty("java.vm.name"),
                        runtime.maxMemory() / (1024 * 1024))
                + "- JVM arguments: " + ManagementFactory.getRuntimeMXBean().getInputArguments() + "\n";
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " / " + fields[1] + " / " + fields[2];
        } catch (IOException | RuntimeException unavailable) {
            return "unknown (no /proc/loadavg)";
        }
    }
}
