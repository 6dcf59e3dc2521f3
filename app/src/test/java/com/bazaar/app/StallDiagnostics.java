package com.bazaar.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * When a test fails because the application did not answer an HTTP call in time, dumps every thread of the test JVM
 * (the application runs in it) at that moment to {@code target/stall-dumps/}, and prints a few lines per stall at the
 * end of the run, where CI's excerpt of the output shows them: a stall that happens once in a full run cannot be
 * reproduced on demand, so its evidence has to be taken when it happens. Registered through META-INF/services.
 */
public final class StallDiagnostics implements TestExecutionListener {

    private static final Path DUMPS = Path.of("target", "stall-dumps");
    /** Threads whose stacks say where a request is stuck: request workers, the HTTP event loops, the embedded server. */
    private static final List<String> REQUEST_PATH_THREADS =
            List.of("boundedElastic", "reactor-http", "mongo-server", "MVStore");

    private final List<String> summaries = new ArrayList<>();

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (test.isTest()
                && result.getThrowable()
                        .filter(StallDiagnostics::isResponseTimeout)
                        .isPresent()) {
            ThreadInfo[] threads = ManagementFactory.getThreadMXBean().dumpAllThreads(true, true);
            Path dump = write(test, threads);
            summaries.add(test.getDisplayName() + ": HTTP response timed out; all threads in " + dump);
            summaries.addAll(requestPathStacks(threads));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan plan) {
        if (!summaries.isEmpty()) {
            System.out.println();
            System.out.println("Stalls (threads on the request path when a response timed out):");
            summaries.forEach(line -> System.out.println("  " + line));
            // Surefire re-runs a failed test in a new test plan with the same listener: print each stall once.
            summaries.clear();
        }
    }

    private static boolean isResponseTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (String.valueOf(cause.getMessage()).contains("Timeout on blocking read")) {
                return true;
            }
        }
        return false;
    }

    private static Path write(TestIdentifier test, ThreadInfo[] threads) {
        try {
            Files.createDirectories(DUMPS);
            Path file = DUMPS.resolve(test.getUniqueId().replaceAll("[^A-Za-z0-9]+", "_") + ".txt");
            Files.writeString(
                    file,
                    Arrays.stream(threads).map(StallDiagnostics::fullStack).collect(Collectors.joining("\n")));
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One line per distinct (state, top frames) of the request-path threads, with how many threads share it. */
    private static List<String> requestPathStacks(ThreadInfo[] threads) {
        Map<String, Integer> counts = new TreeMap<>();
        for (ThreadInfo thread : threads) {
            if (REQUEST_PATH_THREADS.stream().noneMatch(thread.getThreadName()::contains)) {
                continue;
            }
            String top = Arrays.stream(thread.getStackTrace())
                    .limit(4)
                    .map(frame -> frame.getClassName()
                                    .substring(frame.getClassName().lastIndexOf('.') + 1) + "." + frame.getMethodName())
                    .collect(Collectors.joining(" < "));
            counts.merge(thread.getThreadState() + " " + top, 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .map(entry -> "  " + entry.getValue() + "x " + entry.getKey())
                .toList();
    }

    private static String fullStack(ThreadInfo thread) {
        StringBuilder text = new StringBuilder("\"" + thread.getThreadName() + "\" " + thread.getThreadState());
        if (thread.getLockName() != null) {
            text.append(" on ").append(thread.getLockName());
        }
        if (thread.getLockOwnerName() != null) {
            text.append(" owned by \"").append(thread.getLockOwnerName()).append('"');
        }
        text.append('\n');
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("    at ").append(frame).append('\n');
        }
        return text.toString();
    }
}
