package com.bazaar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run does. Options are {@code --name=value}; anything else on the command line is handed to the application
 * unchanged (e.g. {@code --bazaar.feed.snapshot-lag=1s}).
 *
 * @param listings        listings seeded before the read scenarios
 * @param sellers         accounts the listings are spread over
 * @param seedConcurrency concurrent sellers publishing during seeding (the create+publish scenario)
 * @param concurrency     concurrent clients in every read scenario and in checkout
 * @param warmup          unmeasured time before each read scenario (JIT, connection pool, caches)
 * @param measure         measured window of each read scenario
 * @param checkouts       add-to-cart + checkout rounds, each on its own listing
 * @param output          the Markdown report
 * @param appArguments    passed to the application after the harness's own defaults, so they win
 */
record BenchConfig(
        int listings,
        int sellers,
        int seedConcurrency,
        int concurrency,
        Duration warmup,
        Duration measure,
        int checkouts,
        String output,
        List<String> appArguments) {

    static BenchConfig parse(String[] args) {
        int listings = 1000;
        Integer sellers = null;
        int seedConcurrency = 4;
        int concurrency = 8;
        Duration warmup = Duration.ofSeconds(5);
        Duration measure = Duration.ofSeconds(15);
        Integer checkouts = null;
        String output = null;
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "listings" -> listings = Integer.parseInt(value);
                case "sellers" -> sellers = Integer.parseInt(value);
                case "seed-concurrency" -> seedConcurrency = Integer.parseInt(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
                case "measure" -> measure = Duration.ofSeconds(Long.parseLong(value));
                case "checkouts" -> checkouts = Integer.parseInt(value);
                case "out" -> output = value;
                default -> app.add(arg);
            }
        }
        // About 40 listings per seller, like a marketplace's long tail of small sellers.
        int sellerCount = sellers != null ? sellers : Math.max(2, listings / 40);
        // Checkouts reserve listings; leave most of the catalogue on sale.
        int checkoutCount = checkouts != null ? checkouts : Math.min(200, listings / 5);
        String out = output != null ? output : "bench/target/bench-results-" + listings + ".md";
        return new BenchConfig(
                listings,
                sellerCount,
                seedConcurrency,
                concurrency,
                warmup,
                measure,
                checkoutCount,
                out,
                List.copyOf(app));
    }
}
