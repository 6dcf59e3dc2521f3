package com.bazaar.bench;

/**
 * Entry point: {@code java -jar bench/target/bazaar-bench.jar [--listings=1000] [--concurrency=8] ...} for the HTTP
 * benchmark, {@code java -jar bench/target/bazaar-bench.jar store [--store=mongo,postgres] [--events=...] ...} for the
 * store benchmark
 * (options in {@link BenchConfig}; docs/PERFORMANCE.md has the command and the numbers).
 */
public final class BenchMain {

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // The application's own main() sets this; the harness starts the application without it.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        if (args.length > 0 && args[0].equals("store")) {
            // The store benchmark (docs/PERFORMANCE.md, "Store benchmark"): the event stores against their own limits.
            new StoreBenchmark(StoreBenchConfig.parse(java.util.Arrays.copyOfRange(args, 1, args.length))).run();
        } else {
            new Benchmark(BenchConfig.parse(args)).run();
        }
        // Non-daemon threads of the stopped application (Netty, s3proxy's Jetty) must not keep the JVM alive.
        System.exit(0);
    }
}
