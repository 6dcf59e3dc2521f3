package com.bazaar.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one run of the store benchmark does ({@code java -jar bench/target/bazaar-bench.jar store ...}, options
 * {@code --name=value}; docs/PERFORMANCE.md "Store benchmark"). Anything else goes to the application.
 *
 * @param stores       event stores to measure, one after the other, each in a fresh application
 * @param events       store sizes in events, ascending; the generator tops the store up to each in turn
 * @param carts        history lengths of the carts loaded for the aggregate-load figures
 * @param listings     feed sizes in listings for the feed-read comparison (a second fresh application per store)
 * @param concurrency  concurrent clients for the HTTP commands and for the raw inserts they are compared with
 * @param commands     HTTP commands of each kind (create, publish, add to cart) and raw inserts, per size
 * @param samples      most loads per aggregate-load case (fewer when {@code budget} runs out first)
 * @param budget       time budget of one sampled case (aggregate load, feed read)
 * @param idle         window of the idle CPU measurement
 * @param batch        events per append of the generator
 * @param catchUpLimit largest size whose events the processors handle; above it their tokens are moved to the head
 *     instead (the read models then miss those events) and the feed rebuild runs for {@code rebuildWindow} only,
 *     because on this machine the read models' embedded MongoDB server would need hours
 * @param rebuildWindow how long the feed rebuild runs above {@code catchUpLimit}
 * @param outputDir    Markdown results
 * @param chartDir     PNG charts, one per store
 * @param appArguments passed to the application after the harness's defaults
 */
record StoreBenchConfig(
        List<String> stores,
        List<Integer> events,
        List<Integer> carts,
        List<Integer> listings,
        int concurrency,
        int commands,
        int samples,
        Duration budget,
        Duration idle,
        int batch,
        int catchUpLimit,
        Duration rebuildWindow,
        String outputDir,
        String chartDir,
        List<String> appArguments) {

    static StoreBenchConfig parse(String[] args) {
        List<String> stores = List.of("mongo", "postgres");
        List<Integer> events = List.of(10_000, 100_000, 1_000_000);
        List<Integer> carts = List.of(50, 1_000, 5_000);
        List<Integer> listings = List.of(1_000, 10_000, 100_000);
        int concurrency = 8;
        int commands = 400;
        int samples = 50;
        Duration budget = Duration.ofSeconds(20);
        Duration idle = Duration.ofSeconds(30);
        int batch = 1_000;
        int catchUpLimit = 200_000;
        Duration rebuildWindow = Duration.ofSeconds(60);
        String outputDir = "bench/target";
        String chartDir = "docs/perf";
        List<String> app = new ArrayList<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            String value = kv.length > 1 ? kv[1] : "";
            switch (kv[0]) {
                case "store" -> stores = List.of(value.split(","));
                case "events" -> events = numbers(value);
                case "carts" -> carts = numbers(value);
                case "listings" -> listings = value.isBlank() || value.equals("0") ? List.of() : numbers(value);
                case "concurrency" -> concurrency = Integer.parseInt(value);
                case "commands" -> commands = Integer.parseInt(value);
                case "samples" -> samples = Integer.parseInt(value);
                case "budget" -> budget = Duration.ofSeconds(Long.parseLong(value));
                case "idle" -> idle = Duration.ofSeconds(Long.parseLong(value));
                case "batch" -> batch = Integer.parseInt(value);
                case "catch-up-limit" -> catchUpLimit = Integer.parseInt(value.replace("_", ""));
                case "rebuild-window" -> rebuildWindow = Duration.ofSeconds(Long.parseLong(value));
                case "out" -> outputDir = value;
                case "charts" -> chartDir = value;
                default -> app.add(arg);
            }
        }
        for (String store : stores) {
            if (!store.equals("mongo") && !store.equals("postgres")) {
                throw new IllegalArgumentException("--store must be mongo, postgres or both (comma-separated)");
            }
        }
        return new StoreBenchConfig(
                stores,
                events,
                carts,
                listings,
                concurrency,
                commands,
                samples,
                budget,
                idle,
                batch,
                catchUpLimit,
                rebuildWindow,
                outputDir,
                chartDir,
                List.copyOf(app));
    }

    private static List<Integer> numbers(String value) {
        return Arrays.stream(value.split(","))
                .map(String::trim)
                .map(s -> s.replace("_", ""))
                .map(Integer::parseInt)
                .sorted()
                .toList();
    }
}
