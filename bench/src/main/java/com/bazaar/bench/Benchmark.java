package com.bazaar.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One run, in order: start, seed (timed writes), wait for the read models, reads, checkouts, report. */
final class Benchmark {

    private final BenchConfig config;

    Benchmark(BenchConfig config) {
        this.config = config;
    }

    void run() {
        progress("starting the application on a fresh temporary data folder");
        long starting = System.nanoTime();
        try (EmbeddedBazaar bazaar = EmbeddedBazaar.start(config.appArguments())) {
            double startupSeconds = (System.nanoTime() - starting) / 1e9;
            BazaarClient client = new BazaarClient(bazaar.baseUrl());
            List<ScenarioResult> results = new ArrayList<>();

            progress("seeding " + config.listings() + " listings from " + config.sellers() + " sellers");
            FeedVisibility visibility = new FeedVisibility(client);
            visibility.start();
            Seeder.Seeded seeded = new Seeder(client, config, visibility).seed();
            results.addAll(seeded.results());

            progress("waiting until the feed shows all " + seeded.listingIds().size() + " listings");
            Map.Entry<ScenarioResult, ScenarioResult> caughtUp = visibility.awaitAll(Duration.ofMinutes(3));
            results.add(caughtUp.getKey());
            results.add(caughtUp.getValue());

            progress("read scenarios, " + config.concurrency() + " clients, "
                    + config.warmup().toSeconds() + " s warm-up + "
                    + config.measure().toSeconds() + " s each");
            ClosedLoopLoad load = new ClosedLoopLoad(config.concurrency(), config.warmup(), config.measure());
            results.addAll(new ReadScenarios(client, load, seeded.listingIds()).run());

            progress(config.checkouts() + " checkouts by " + config.concurrency() + " shoppers");
            List<String> forSale = seeded.listingIds()
                    .subList(0, Math.min(config.checkouts(), seeded.listingIds().size()));
            results.addAll(new CheckoutScenario(client, config.concurrency(), forSale).run());

            String report = new MarkdownReport(config, startupSeconds).render(results);
            System.out.println();
            System.out.println(report);
            write(Path.of(config.output()), report);
            progress("report written to " + config.output());
        }
    }

    static void write(Path file, String report) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void progress(String message) {
        System.err.println("[bench] " + message);
    }
}
