package com.bazaar.app;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The real application, started the way {@code java -jar} starts it (embedded MongoDB server persisting to
 * {@code dataDir}, Netty on a free port), with an HTTP client that talks to it over a real TCP connection.
 * Closing it shuts the application down gracefully, so a second instance can open the same data folder.
 */
public final class RunningBazaar implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final WebTestClient http;
    private final String baseUrl;

    private RunningBazaar(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.http = WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).build();
    }

    public static RunningBazaar start(Path dataDir, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--bazaar.data-dir=" + dataDir,
                "--bazaar.mongodb-uri=",
                // Readable test output; production logs stay JSON.
                "--logging.structured.format.console="));
        arguments.addAll(List.of(extraArguments));
        return new RunningBazaar(new SpringApplicationBuilder(BazaarApplication.class)
                .run(arguments.toArray(String[]::new)));
    }

    public WebTestClient http() {
        return http;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }
}
