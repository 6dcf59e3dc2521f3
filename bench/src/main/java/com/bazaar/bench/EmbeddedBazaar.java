package com.bazaar.bench;

import com.bazaar.app.BazaarApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The real application in this JVM, as {@code java -jar app/target/bazaar.jar} runs it: embedded MongoDB server and
 * embedded S3 server on a fresh temporary data folder, Netty on a free port. Closing it stops the application and
 * deletes the folder.
 */
final class EmbeddedBazaar implements AutoCloseable {

    private final Path dataDir;
    private final ConfigurableApplicationContext context;
    private final String baseUrl;

    private EmbeddedBazaar(Path dataDir, ConfigurableApplicationContext context) {
        this.dataDir = dataDir;
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    static EmbeddedBazaar start(List<String> extraArguments) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("bazaar-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("server.port", "0");
        arguments.put("bazaar.data-dir", dataDir.toString());
        arguments.put("bazaar.mongodb-uri", "");
        // Plain, quiet logs: the report goes to the same console.
        arguments.put("logging.structured.format.console", "");
        arguments.put("logging.level.root", "WARN");
        // Every client of the harness is 127.0.0.1 and a few accounts write thousands of times: the per-IP and
        // per-account limits would measure the rate limiter, not the system.
        arguments.put("bazaar.auth.limits.signups-per-ip", "100000/1m");
        arguments.put("bazaar.auth.limits.failed-sign-ins-per-ip", "100000/1m");
        arguments.put("bazaar.auth.limits.refreshes-per-ip", "100000/1m");
        arguments.put("bazaar.auth.limits.apple-sign-ins-per-ip", "100000/1m");
        arguments.put("bazaar.auth.limits.writes-per-user", "100000/1m");
        // A run must not outlive its access tokens (15 minutes by default).
        arguments.put("bazaar.auth.access-token-ttl", "2h");
        for (String argument : extraArguments) {
            String[] keyAndValue = argument.replaceFirst("^--", "").split("=", 2);
            arguments.put(keyAndValue[0], keyAndValue.length > 1 ? keyAndValue[1] : "");
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BazaarApplication.class)
                .run(arguments.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
        return new EmbeddedBazaar(dataDir, context);
    }

    /** The application's beans, for the store benchmark that drives its event store directly. */
    ConfigurableApplicationContext context() {
        return context;
    }

    String baseUrl() {
        return baseUrl;
    }

    @Override
    public void close() {
        context.close();
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dataDir + ": " + e.getMessage());
        }
    }
}
