package com.bazaar.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.rsocket.metadata.WellKnownMimeType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.MimeTypeUtils;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

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

    /**
     * Starts the application. {@code extraArguments} ({@code --key=value}) replace the defaults below, which lift the
     * rate limits (every test client is 127.0.0.1) except in the tests that are about them.
     */
    public static RunningBazaar start(Path dataDir, String... extraArguments) {
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("server.port", "0");
        arguments.put("bazaar.data-dir", dataDir.toString());
        arguments.put("bazaar.mongodb-uri", "");
        // Readable test output; production logs stay JSON.
        arguments.put("logging.structured.format.console", "");
        arguments.put("bazaar.auth.limits.signups-per-ip", "10000/1m");
        arguments.put("bazaar.auth.limits.failed-sign-ins-per-ip", "10000/1m");
        arguments.put("bazaar.auth.limits.refreshes-per-ip", "10000/1m");
        arguments.put("bazaar.auth.limits.apple-sign-ins-per-ip", "10000/1m");
        arguments.put("bazaar.auth.limits.writes-per-user", "10000/1m");
        for (String argument : extraArguments) {
            String[] keyAndValue = argument.replaceFirst("^--", "").split("=", 2);
            arguments.put(keyAndValue[0], keyAndValue.length > 1 ? keyAndValue[1] : "");
        }
        return new RunningBazaar(new SpringApplicationBuilder(BazaarApplication.class)
                .run(arguments.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new)));
    }

    /** A signed-up account with its tokens. */
    public record User(String id, String email, String password, String accessToken, String refreshToken) {
    }

    /** Signs up a new account over HTTP (unique email per call) and returns it signed in. */
    public User signUp(String displayName) {
        return signUp(displayName, displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
                + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    /** Signs up {@code email} (for accounts the configuration makes admin) and returns it signed in. */
    public User signUp(String displayName, String email) {
        String password = "correct horse " + UUID.randomUUID();
        JsonNode tokens = http.post().uri("/api/v1/auth/signup").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password, "displayName", displayName))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        String accessToken = tokens.get("accessToken").asText();
        JsonNode me = http.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return new User(me.get("id").asText(), email, password, accessToken, tokens.get("refreshToken").asText());
    }

    /** An HTTP client that sends {@code user}'s access token with every request. */
    public WebTestClient as(User user) {
        return http.mutate().defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + user.accessToken()).build();
    }

    /**
     * An RSocket connection over WebSocket to {@code /rsocket}, presenting {@code accessToken} (when not null) as the
     * bearer token in the setup frame, the way the app connects.
     */
    public RSocketRequester rsocket(String accessToken) {
        RSocketRequester.Builder builder = RSocketRequester.builder()
                .rsocketStrategies(bean(RSocketStrategies.class).mutate()
                        .encoder(new BearerTokenAuthenticationEncoder()).build());
        if (accessToken != null) {
            builder.setupMetadata(new BearerTokenMetadata(accessToken),
                    MimeTypeUtils.parseMimeType(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString()));
        }
        return builder.websocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/rsocket"));
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
