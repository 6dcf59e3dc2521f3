package com.bazaar.bench;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The store benchmark (docs/PERFORMANCE.md, "Store benchmark"): for each event store, one fresh application filled by
 * {@link HistoryGenerator} to each size in turn, and at each size every figure next to its baseline measured in the
 * same run with the same driver; then a second fresh application for the feed reads at each listing count.
 */
final class StoreBenchmark {

    private static final Duration CATCH_UP = Duration.ofHours(2);

    private final StoreBenchConfig config;
    private final List<StoreRow> rows = new ArrayList<>();
    private final Map<String, Double> startups = new LinkedHashMap<>();

    StoreBenchmark(StoreBenchConfig config) {
        this.config = config;
    }

    void run() throws Exception {
        Instant started = Instant.now();
        String postgresDescription = "not used";
        try (BenchPostgres postgres = config.stores().contains("postgres") ? BenchPostgres.start() : null) {
            if (postgres != null) {
                postgresDescription = postgres.description();
            }
            for (String store : config.stores()) {
                sizes(store, postgres);
                if (!config.listings().isEmpty()) {
                    feedReads(store, postgres);
                }
            }
        }
        StoreReport report = new StoreReport(config, rows, startups, postgresDescription, started);
        Path out = Path.of(config.outputDir(), "store-results.md");
        Benchmark.write(out, report.markdown());
        System.out.println(report.markdown());
        for (String store : config.stores()) {
            Path chart = Path.of(config.chartDir(), "store-" + store + ".png");
            StoreChart.write(store, rows, chart);
            progress("chart: " + chart);
        }
        progress("results: " + out);
    }

    private void sizes(String store, BenchPostgres postgres) throws Exception {
        try (EmbeddedBazaar app = start(store, postgres, "events")) {
            StoreUnderTest under = new StoreUnderTest(app.context(), store);
            under.awaitCaughtUp(CATCH_UP);
            progress(store + ": idle, empty store (" + config.idle().toSeconds() + " s, once settled)");
            String emptySettling = settle(Double.MAX_VALUE);
            ProcessUsage empty = ProcessUsage.idleFor(config.idle());
            HistoryGenerator generator = new HistoryGenerator(under.engine(), config.batch());
            BazaarClient client = new BazaarClient(app.baseUrl());
            StoreCommands commands = new StoreCommands(
                    client, under.raw(), under.eventSerializer(), config.concurrency(), config.commands());
            Map<String, String> carts = new LinkedHashMap<>();
            boolean snapshotted = false;
            boolean prepared = false;
            for (int target : config.events()) {
                long before = generator.appended();
                long begin = System.nanoTime();
                generator.fillTo(target);
                // After the first fill, not before: the carts' own histories (12,100 events by default) would
                // otherwise count towards the first size and leave no room for listings and orders.
                if (carts.isEmpty()) {
                    for (int length : config.carts()) {
                        carts.put("plain-" + length, generator.cartWithHistory("plain", length));
                        carts.put("snapshot-" + length, generator.cartWithHistory("snapshot", length));
                    }
                }
                double generateSeconds = (System.nanoTime() - begin) / 1e9;
                long generated = generator.appended() - before;
                boolean handled = target <= config.catchUpLimit();
                progress(String.format(
                        "%s: generated %,d events in %.1f s; %s",
                        store,
                        generated,
                        generateSeconds,
                        handled ? "waiting for the processors" : "moving the processors' tokens to the head"));
                Duration catchUp = handled ? under.awaitCaughtUp(CATCH_UP) : null;
                if (!handled) {
                    under.moveProcessorsToHead();
                }
                long stored = under.raw().countEvents();
                String size = String.valueOf(stored);
                rows.add(StoreRow.single(
                        store,
                        stored,
                        "generator: events appended per second",
                        generated / generateSeconds,
                        "events/s",
                        String.format(
                                "%,d events in %.1f s, batches of %d", generated, generateSeconds, config.batch())));
                if (handled) {
                    rows.add(StoreRow.single(
                            store,
                            stored,
                            "processors catch up after generating",
                            catchUp.toMillis() / 1000.0,
                            "s",
                            "all event processors at the newest event"));
                }
                if (!snapshotted) {
                    for (int length : config.carts()) {
                        under.snapshotCart(carts.get("snapshot-" + length));
                    }
                    snapshotted = true;
                }

                progress(store + " @ " + size + ": idle usage");
                String settling = settle(2 * empty.cpuPercentOfCore());
                ProcessUsage idle = ProcessUsage.idleFor(config.idle());
                rows.add(StoreRow.cost(
                        store,
                        stored,
                        "idle CPU, % of one core",
                        idle.cpuPercentOfCore(),
                        empty.cpuPercentOfCore(),
                        "same app, empty store",
                        config.idle().toSeconds() + " s window; heap used " + idle.heapUsedMiB() + " MiB" + settling
                                + "; empty store" + emptySettling.replaceFirst("^;", "")));
                rows.add(StoreRow.cost(
                        store,
                        stored,
                        "resident memory (VmRSS), MiB",
                        idle.residentMiB(),
                        empty.residentMiB(),
                        "same app, empty store",
                        "the app's JVM incl. embedded servers"));

                progress(store + " @ " + size + ": aggregate loads");
                for (int length : config.carts()) {
                    String plain = carts.get("plain-" + length);
                    String withSnapshot = carts.get("snapshot-" + length);
                    ScenarioResult rawRead = Sampling.repeat(
                            "raw read",
                            config.samples(),
                            config.budget(),
                            () -> under.raw().readAggregate(plain) == length ? 200 : 500,
                            "");
                    rows.add(StoreRow.compare(
                            store,
                            stored,
                            "load a Cart of " + length + " events, no snapshot",
                            Sampling.repeat(
                                    "load",
                                    config.samples(),
                                    config.budget(),
                                    // Loading 100+ events lets the cart's snapshot trigger store one: delete it.
                                    () -> under.raw().deleteSnapshots(plain),
                                    () -> under.loadCart(plain),
                                    ""),
                            rawRead,
                            "raw read of its events",
                            "app's repository; its snapshots deleted before each"));
                    rows.add(StoreRow.compare(
                            store,
                            stored,
                            "load a Cart of " + length + " events, snapshot",
                            Sampling.repeat(
                                    "load", config.samples(), config.budget(), () -> under.loadCart(withSnapshot), ""),
                            rawRead,
                            "raw read of its events",
                            "snapshot at its last event"));
                }

                progress(store + " @ " + size + ": feed rebuild");
                long rawBegin = System.nanoTime();
                long read = under.raw().readAllEvents();
                double rawSeconds = (System.nanoTime() - rawBegin) / 1e9;
                long engineBegin = System.nanoTime();
                long engineRead = under.readAllThroughEngine(stored);
                double engineSeconds = (System.nanoTime() - engineBegin) / 1e9;
                double rebuildRate;
                String rebuildNote;
                if (handled) {
                    double rebuildSeconds = under.rebuildFeed(CATCH_UP).toNanos() / 1e9;
                    rebuildRate = stored / rebuildSeconds;
                    rebuildNote = String.format("%.1f s; raw read %.1f s", rebuildSeconds, rawSeconds);
                } else {
                    rebuildRate = under.rebuildFeedFor(config.rebuildWindow());
                    rebuildNote = String.format(
                            "first %d s of the rebuild only (above --catch-up-limit); raw read %.1f s",
                            config.rebuildWindow().toSeconds(), rawSeconds);
                }
                rows.add(StoreRow.rate(
                        store,
                        stored,
                        "feed rebuild (token reset), events/s",
                        rebuildRate,
                        read / rawSeconds,
                        "raw sequential read",
                        rebuildNote));
                rows.add(StoreRow.rate(
                        store,
                        stored,
                        "storage engine sequential read, events/s",
                        engineRead / engineSeconds,
                        read / rawSeconds,
                        "raw sequential read",
                        String.format("%.1f s, payloads deserialized", engineSeconds)));

                progress(store + " @ " + size + ": commands");
                if (!prepared) {
                    commands.prepare();
                    prepared = true;
                }
                List<String> forSale = generator.publishedListings();
                int wanted = Math.min(forSale.size(), config.commands());
                List<ScenarioResult> results =
                        commands.run(List.copyOf(forSale.subList(forSale.size() - wanted, forSale.size())));
                ScenarioResult inserts = results.get(results.size() - 1);
                for (ScenarioResult command : results.subList(0, results.size() - 1)) {
                    rows.add(StoreRow.compare(
                            store, stored, "HTTP " + command.name(), command, inserts, "raw insert", command.note()));
                }
                forSale.subList(forSale.size() - wanted, forSale.size()).clear();
                if (handled) {
                    under.awaitCaughtUp(CATCH_UP);
                }
            }
        }
    }

    /**
     * Waits, in 10 s windows, until the process's CPU stops falling (a window uses at least 90 % of the one before)
     * and is at most {@code ceiling}, or five minutes have passed: so both idle figures are the steady state, not the
     * JIT compiler's start-up work or Axon's shared event producer still reading its way up to the head after the
     * tokens were moved past events no processor handled. Answers a note for the idle row.
     */
    private static String settle(double ceiling) {
        long begin = System.nanoTime();
        long deadline = begin + Duration.ofMinutes(5).toNanos();
        double previous = ProcessUsage.idleFor(Duration.ofSeconds(10)).cpuPercentOfCore();
        double current = previous;
        boolean settled = false;
        while (!settled && System.nanoTime() < deadline) {
            current = ProcessUsage.idleFor(Duration.ofSeconds(10)).cpuPercentOfCore();
            settled = current >= 0.9 * previous && current <= ceiling;
            previous = current;
        }
        double waited = (System.nanoTime() - begin) / 1e9;
        return String.format(
                settled ? "; after %.0f s of settling" : "; not settled after %.0f s (last 10 s: %.1f %%)",
                waited,
                current);
    }

    private void feedReads(String store, BenchPostgres postgres) throws Exception {
        try (EmbeddedBazaar app = start(store, postgres, "feed")) {
            StoreUnderTest under = new StoreUnderTest(app.context(), store);
            HistoryGenerator generator = new HistoryGenerator(under.engine(), config.batch());
            FeedReads reads = new FeedReads(new BazaarClient(app.baseUrl()), under, config);
            for (int listings : config.listings()) {
                generator.listings(listings);
                under.awaitCaughtUp(CATCH_UP);
                progress(store + ": feed reads at " + listings + " listings");
                long stored = under.raw().countEvents();
                for (FeedReads.Pair pair : reads.measure()) {
                    rows.add(StoreRow.compare(
                            store,
                            stored,
                            pair.http().name() + " @ " + listings + " listings",
                            pair.http(),
                            pair.raw(),
                            "raw Mongo query",
                            pair.http().note()));
                }
            }
        }
    }

    private EmbeddedBazaar start(String store, BenchPostgres postgres, String phase) throws SQLException {
        List<String> arguments = new ArrayList<>();
        // Generated orders start the payment saga; without Stripe keys it logs a warning per order.
        arguments.add("--logging.level.com.bazaar.payments=ERROR");
        // A generator batch is one insertMany of --batch events; on a loaded machine the embedded server took more
        // than the default 10 s to answer one, and a timed-out append is retried by nobody.
        arguments.add("--bazaar.store-read-timeout=120s");
        if (store.equals("postgres")) {
            arguments.addAll(postgres.freshDatabaseArguments());
        } else {
            arguments.add("--bazaar.event-store=mongo");
        }
        arguments.addAll(config.appArguments());
        progress("starting the application on " + store + " (" + phase + ")");
        long begin = System.nanoTime();
        EmbeddedBazaar app = EmbeddedBazaar.start(arguments);
        startups.put(store + " (" + phase + ")", (System.nanoTime() - begin) / 1e9);
        return app;
    }

    static void progress(String message) {
        System.err.println("[store-bench " + Instant.now() + "] " + message);
    }
}
