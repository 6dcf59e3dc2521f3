package com.bazaar.app;

import com.fasterxml.jackson.databind.JsonNode;
import io.rsocket.metadata.WellKnownMimeType;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
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

/**
 * The real application, started the way {@code java -jar} starts it (embedded MongoDB server persisting to
 * {@code dataDir}, Netty on a free port), with an HTTP client that talks to it over a real TCP connection.
 * Closing it shuts the application down gracefully, so a second instance can open the same data folder.
 */
public final class RunningBazaar implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final WebTestClient http;
    private final String baseUrl;
    private final HttpClient plainHttp = HttpClient.newHttpClient();

    private RunningBazaar(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.http = WebTestClient.bindToServer()
                .baseUrl(baseUrl)
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    /**
     * Starts the application. {@code extraArguments} ({@code --key=value}) replace the defaults below, which lift the
     * rate limits (every test client is 127.0.0.1) except in the tests that are about them.
     */
    public static RunningBazaar start(Path dataDir, String... extraArguments) {
        return new RunningBazaar(
                new SpringApplicationBuilder(BazaarApplication.class).run(commandLine(dataDir, extraArguments)));
    }

    /** The command line {@link #start} runs the application with (also used for child processes). */
    static String[] commandLine(Path dataDir, String... extraArguments) {
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
        return arguments.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
    }

    /**
     * Starts the application with its event store (events, tokens, sagas) in PostgreSQL ({@link TestPostgres}) and
     * everything else as {@link #start} has it. The database belongs to {@code dataDir}: its URL is kept in a file
     * there, so starting again on the same folder is a restart on the same data.
     */
    public static RunningBazaar startOnPostgres(Path dataDir, String... extraArguments) {
        List<String> arguments =
                new java.util.ArrayList<>(List.of(postgresOf(dataDir).applicationArguments()));
        arguments.addAll(List.of(extraArguments));
        return start(dataDir, arguments.toArray(String[]::new));
    }

    /** The PostgreSQL database of {@code dataDir}'s event store: made on first use, named in a file there. */
    public static TestPostgres.Database postgresOf(Path dataDir) {
        Path urlFile = dataDir.resolve("test-postgres.url");
        try {
            if (Files.exists(urlFile)) {
                List<String> lines = Files.readAllLines(urlFile);
                return new TestPostgres.Database(lines.get(0), lines.get(1), lines.size() > 2 ? lines.get(2) : "");
            }
            TestPostgres.Database database = TestPostgres.freshDatabase();
            Files.createDirectories(dataDir);
            Files.write(urlFile, List.of(database.url(), database.user(), database.password()));
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Settings every node of one test cluster shares: secrets that must be equal on all nodes. */
    private static final String CLUSTER_FEED_CURSOR_SECRET = "test-cluster-feed-cursor-secret";

    private static final String CLUSTER_MEDIA_ACCESS_KEY = "test-cluster-access-key";
    private static final String CLUSTER_MEDIA_SECRET_KEY = "test-cluster-secret-key-0123456789";

    /**
     * Starts the first node of a cluster: its embedded MongoDB and S3 servers listen on fixed loopback ports with a
     * fixed key pair, so that {@link #join} can start further nodes on the same stores (README, "Several nodes").
     */
    public static RunningBazaar startFirstNode(Path dataDir, String... extraArguments) {
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--bazaar.embedded-mongo-port=" + freePort(),
                "--bazaar.media.embedded-port=" + freePort(),
                "--bazaar.media.access-key=" + CLUSTER_MEDIA_ACCESS_KEY,
                "--bazaar.media.secret-key=" + CLUSTER_MEDIA_SECRET_KEY,
                "--bazaar.feed.cursor-secret=" + CLUSTER_FEED_CURSOR_SECRET));
        arguments.addAll(List.of(extraArguments));
        return start(dataDir, arguments.toArray(String[]::new));
    }

    /**
     * Starts another node on this (first) node's MongoDB and S3 servers, as a separate application context with its
     * own HTTP port, schedulers, processors and caches: nothing is shared with this node but the stores.
     */
    public RunningBazaar join(Path dataDir, String... extraArguments) {
        var environment = context.getEnvironment();
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--bazaar.mongodb-uri=mongodb://127.0.0.1:" + environment.getProperty("bazaar.embedded-mongo-port")
                        + "/" + environment.getProperty("bazaar.database", "bazaar"),
                "--bazaar.media.embedded=false",
                "--bazaar.media.s3-endpoint=http://127.0.0.1:" + environment.getProperty("bazaar.media.embedded-port"),
                "--bazaar.media.access-key=" + CLUSTER_MEDIA_ACCESS_KEY,
                "--bazaar.media.secret-key=" + CLUSTER_MEDIA_SECRET_KEY,
                "--bazaar.feed.cursor-secret=" + CLUSTER_FEED_CURSOR_SECRET));
        arguments.addAll(List.of(extraArguments));
        return start(dataDir, arguments.toArray(String[]::new));
    }

    /** A loopback port that was free a moment ago (the server binding it next is the test's own). */
    public static int freePort() {
        try (java.net.ServerSocket socket =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A signed-up account with its tokens. */
    public record User(String id, String email, String password, String accessToken, String refreshToken) {}

    /** Signs up a new account over HTTP (unique email per call) and returns it signed in. */
    public User signUp(String displayName) {
        return signUp(
                displayName,
                displayName.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "-"
                        + UUID.randomUUID().toString().substring(0, 8) + "@example.com");
    }

    /** Signs up {@code email} (for accounts the configuration makes admin) and returns it signed in. */
    public User signUp(String displayName, String email) {
        return signUp(http, displayName, email);
    }

    /** Signs up {@code email} through the application {@code http} is bound to. */
    static User signUp(WebTestClient http, String displayName, String email) {
        String password = "correct horse " + UUID.randomUUID();
        JsonNode tokens = http.post()
                .uri("/api/v1/auth/signup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password, "displayName", displayName))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String accessToken = tokens.get("accessToken").asText();
        JsonNode me = http.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return new User(
                me.get("id").asText(),
                email,
                password,
                accessToken,
                tokens.get("refreshToken").asText());
    }

    /** An HTTP client that sends {@code user}'s access token with every request. */
    public WebTestClient as(User user) {
        return http.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + user.accessToken())
                .build();
    }

    /**
     * An RSocket connection over WebSocket to {@code /rsocket}, presenting {@code accessToken} (when not null) as the
     * bearer token in the setup frame, the way the app connects.
     */
    public RSocketRequester rsocket(String accessToken) {
        RSocketRequester.Builder builder = RSocketRequester.builder()
                .rsocketStrategies(bean(RSocketStrategies.class)
                        .mutate()
                        .encoder(new BearerTokenAuthenticationEncoder())
                        .build());
        if (accessToken != null) {
            builder.setupMetadata(
                    new BearerTokenMetadata(accessToken),
                    MimeTypeUtils.parseMimeType(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString()));
        }
        return builder.websocket(URI.create(baseUrl.replaceFirst("^http", "ws") + "/rsocket"));
    }

    /**
     * The whole photo upload flow as the app does it: ask for an upload URL, PUT real JPEG bytes to it (straight to
     * the embedded S3 server, with the declared Content-Type), complete. Returns the id of the READY upload, ready to
     * be a listing's {@code photoIds} entry.
     */
    public String uploadPhoto(User user) {
        byte[] jpeg = jpegBytes();
        Upload upload = startUpload(user, "image/jpeg", jpeg.length);
        int status = put(upload.uploadUrl(), "image/jpeg", jpeg);
        if (status != 200) {
            throw new AssertionError("PUT to the presigned URL answered " + status);
        }
        as(user).post()
                .uri("/api/v1/media/{id}/complete", upload.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("READY");
        return upload.id();
    }

    /** A published listing of {@code seller} with one uploaded photo, created and published over HTTP. */
    public String publishedListing(User seller, String title, long priceMinorUnits) {
        return publishedListing(seller, title, priceMinorUnits, uploadPhoto(seller));
    }

    /** The same with a photo {@code seller} uploaded already. */
    public String publishedListing(User seller, String title, long priceMinorUnits, String photoId) {
        String id = as(seller)
                .post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        title,
                        "description",
                        "Seeded by a test",
                        "price",
                        Map.of("amount", priceMinorUnits, "currency", "EUR"),
                        "shippingPrice",
                        Map.of("amount", 450, "currency", "EUR"),
                        "category",
                        "clothing",
                        "condition",
                        "good",
                        "photoIds",
                        List.of(photoId)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asText();
        as(seller)
                .post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        return id;
    }

    /** An upload URL issued for {@code user}, nothing uploaded yet: the media stays PENDING. */
    public String startUpload(User user) {
        return startUpload(user, "image/jpeg", jpegBytes().length).id();
    }

    /** What {@code POST /api/v1/media/uploads} answered. */
    public record Upload(String id, URI uploadUrl, String expiresAt) {}

    public Upload startUpload(User user, String contentType, long size) {
        JsonNode answer = as(user).post()
                .uri("/api/v1/media/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contentType", contentType, "size", size))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        return new Upload(
                answer.get("id").asText(),
                URI.create(answer.get("uploadUrl").asText()),
                answer.get("expiresAt").asText());
    }

    /** PUTs {@code body} the way a phone does: a plain HTTP client, no AWS SDK; answers the HTTP status. */
    public int put(URI url, String contentType, byte[] body) {
        try {
            return plainHttp
                    .send(
                            HttpRequest.newBuilder(url)
                                    .header("Content-Type", contentType)
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A real (tiny) JPEG: an 8x8 image encoded by the JDK. */
    public static byte[] jpegBytes() {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        image.setRGB(3, 3, 0x3366cc);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "jpg", bytes)) {
                throw new IllegalStateException("No JPEG writer in this JDK");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
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
