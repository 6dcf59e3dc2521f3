package com.bazaar.app;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The real application in its own JVM (the test's classpath, {@code java -cp ... BazaarApplication}), so that a test
 * can kill it the way an operating system does: {@link #kill()} is SIGKILL, no shutdown hook, no graceful close of the
 * embedded stores. Same defaults as {@link RunningBazaar#start}; the embedded MongoDB listens on a fixed port so the
 * test can read the event store directly ({@link #mongoUri()}).
 */
public final class ChildProcessBazaar implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final int mongoPort;
    private final WebTestClient http;
    private final HttpClient probe = HttpClient.newHttpClient();

    private ChildProcessBazaar(Process process, Path log, int httpPort, int mongoPort) {
        this.process = process;
        this.log = log;
        this.baseUrl = "http://127.0.0.1:" + httpPort;
        this.mongoPort = mongoPort;
        this.http = WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Starts the application on {@code dataDir} and returns once it answers {@code /actuator/health} with 200. */
    public static ChildProcessBazaar start(Path dataDir, String... extraArguments) {
        int httpPort = RunningBazaar.freePort();
        int mongoPort = RunningBazaar.freePort();
        List<String> arguments =
                new ArrayList<>(List.of("--server.port=" + httpPort, "--bazaar.embedded-mongo-port=" + mongoPort));
        arguments.addAll(List.of(extraArguments));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Two cores are shared by everything on the test machine: small heap, quick start-up.
                "-Xmx512m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-cp",
                System.getProperty("java.class.path"),
                BazaarApplication.class.getName()));
        command.addAll(List.of(RunningBazaar.commandLine(dataDir, arguments.toArray(String[]::new))));
        Path log;
        Process process;
        try {
            Files.createDirectories(dataDir);
            log = Files.createTempFile("bazaar-child-", ".log");
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChildProcessBazaar child = new ChildProcessBazaar(process, log, httpPort, mongoPort);
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(250)).until(child::ready);
        } catch (RuntimeException | Error notStarted) {
            child.kill();
            throw new IllegalStateException(
                    "The child application did not start; its output:\n" + child.output(), notStarted);
        }
        return child;
    }

    private boolean ready() {
        if (!process.isAlive()) {
            throw new IllegalStateException("exited with " + process.exitValue());
        }
        try {
            return probe.send(
                                    HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/health"))
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode()
                    == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Signs up a new account (unique email) and returns it signed in. */
    public RunningBazaar.User signUp(String displayName) {
        return RunningBazaar.signUp(
                http, displayName, "child-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    public WebTestClient as(RunningBazaar.User user) {
        return http.mutate()
                .defaultHeader("Authorization", "Bearer " + user.accessToken())
                .build();
    }

    public WebTestClient http() {
        return http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The embedded MongoDB of this process, for reading the event store the way the application stored it. */
    public String mongoUri() {
        return "mongodb://127.0.0.1:" + mongoPort;
    }

    /** SIGKILL: the process ends at once, whatever it was doing. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** What the process printed so far (for failure messages). */
    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no output: " + e + ")";
        }
    }

    /** SIGTERM, the graceful shutdown; SIGKILL if it takes longer than 30 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        waitForExit();
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temp file; the OS cleans up
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The child application did not exit");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
