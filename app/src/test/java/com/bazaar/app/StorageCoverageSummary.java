package com.bazaar.app;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Prints, at the end of the app's test run, which storage the tests ran against and how many were skipped, so a green
 * build does not suggest more than it proved (in particular: the real-MongoDB contract tests need Docker and are
 * skipped without it, which includes this project's CI machines). Registered through META-INF/services.
 */
public final class StorageCoverageSummary implements TestExecutionListener {

    private static final String REAL_MONGO = "real MongoDB 7 replica set (Testcontainers, needs Docker)";
    private static final String EMBEDDED_MONGO = "embedded MongoDB wire server (mongo-java-server, H2 file backend)";

    private final Map<String, Counts> byStorage = new LinkedHashMap<>();

    private record Counts(AtomicInteger run, AtomicInteger skipped) {
        Counts() {
            this(new AtomicInteger(), new AtomicInteger());
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()) {
            storageOf(test).ifPresent(storage -> counts(storage).run().incrementAndGet());
        }
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        // A class skipped as a whole (Testcontainers without Docker) reports the class, not its methods.
        storageOf(test).ifPresent(storage -> counts(storage).skipped().incrementAndGet());
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (byStorage.isEmpty()) {
            return;
        }
        System.out.println();
        System.out.println("Storage the app tests ran against:");
        byStorage.forEach((storage, counts) -> System.out.printf(
                "  %-95s %4d run, %d skipped%n",
                storage, counts.run().get(), counts.skipped().get()));
        if (counts(REAL_MONGO).run().get() == 0) {
            System.out.println("  NOTE: no test ran against a real MongoDB here; the write concern (majority, "
                    + "journaled) and real indexes are exercised only where Docker runs RealMongoStorageTest.");
        }
    }

    private Counts counts(String storage) {
        return byStorage.computeIfAbsent(storage, key -> new Counts());
    }

    private static Optional<String> storageOf(TestIdentifier test) {
        Optional<String> className = test.getSource().flatMap(source -> {
            if (source instanceof MethodSource method) {
                return Optional.of(method.getClassName());
            }
            if (source instanceof ClassSource type) {
                return Optional.of(type.getClassName());
            }
            return Optional.empty();
        });
        return className.filter(name -> name.startsWith("com.bazaar.app.")).map(StorageCoverageSummary::storageFor);
    }

    private static String storageFor(String className) {
        if (className.endsWith("RealMongoStorageTest")) {
            return REAL_MONGO;
        }
        if (className.contains("Postgres")) {
            String server = System.getenv("BAZAAR_TEST_POSTGRES_URL");
            return server == null || server.isBlank()
                    ? "PostgreSQL 15, embedded real server (zonky binaries) + embedded MongoDB for read models"
                    : "PostgreSQL at BAZAAR_TEST_POSTGRES_URL + embedded MongoDB for read models";
        }
        return EMBEDDED_MONGO;
    }
}
