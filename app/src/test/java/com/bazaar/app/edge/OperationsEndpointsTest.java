package com.bazaar.app.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * What operators and client developers get from a running node: health with the MongoDB and event processor checks,
 * Prometheus metrics of the HTTP edge and of Axon's buses, store and processors, and the OpenAPI document.
 */
class OperationsEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    /** Writes need an account; reads of the public catalogue stay anonymous. */
    private static WebTestClient seller;

    private static RunningBazaar.User sellerAccount;
    /** Health details are for admin and support; probes and the public see only the status. */
    private static WebTestClient operator;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.start(dataDir, "--bazaar.auth.admin-emails=ops@example.com");
        sellerAccount = bazaar.signUp("Edge Seller");
        seller = bazaar.as(sellerAccount);
        operator = bazaar.as(bazaar.signUp("Ops", "ops@example.com"));
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void healthIsUpWithMongoAndBothEventProcessorsRunning() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            JsonNode health = json(operator, "/actuator/health", 200);
            assertThat(health.path("status").asText()).as("%s", health).isEqualTo("UP");
        });
        JsonNode health = json(operator, "/actuator/health", 200);
        JsonNode components = health.path("components");

        assertThat(components.path("mongo").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("mongo").path("details").path("database").asText())
                .isEqualTo("bazaar");

        JsonNode processors = components.path("eventProcessors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(fieldNames(processors.path("details"))).contains("feed", "listing-detail");
        for (String name : List.of("feed", "listing-detail")) {
            JsonNode processor = processors.path("details").path(name);
            assertThat(processor.path("running").asBoolean())
                    .as("%s running", name)
                    .isTrue();
            assertThat(processor.path("error").asBoolean())
                    .as("%s in error", name)
                    .isFalse();
            assertThat(fieldNames(processor.path("segments")))
                    .as("%s segments", name)
                    .containsExactlyInAnyOrder("0", "1");
        }
    }

    @Test
    void prometheusExposesHttpAndAxonMetricsTaggedWithTheApplication() {
        String id = createAndPublishListing();
        bazaar.http().get().uri("/api/v1/listings/{id}", id).exchange();
        bazaar.http()
                .get()
                .uri("/api/v1/feed?limit=5")
                .exchange()
                .expectStatus()
                .isOk();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> samples = prometheusSamples();
            assertThat(samples)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("http_server_requests_seconds_count{")
                            .contains(
                                    "uri=\"/api/v1/feed\"",
                                    "method=\"GET\"",
                                    "status=\"200\"",
                                    "application=\"bazaar\""));
            assertThat(samples)
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("http_server_requests_seconds_count{")
                            .contains("uri=\"/api/v1/listings\"", "method=\"POST\"", "status=\"201\""));
            // Axon's buses, event store and both event processors (axon-micrometer).
            for (String prefix : List.of(
                    "commandBus_successCounter_total",
                    "queryBus_successCounter_total",
                    "eventStore_ingestedCounter_total",
                    "feed_processedCounter_total",
                    "listing_detail_processedCounter_total")) {
                assertThat(samples)
                        .as("a sample of %s", prefix)
                        .anySatisfy(line -> assertThat(line).startsWith(prefix));
            }
            assertThat(value(samples, "commandBus_successCounter_total")).isGreaterThanOrEqualTo(2);
            assertThat(value(samples, "feed_processedCounter_total")).isGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void theOpenApiDocumentDescribesEveryPublicEndpoint() {
        JsonNode docs = json("/v3/api-docs", 200);

        assertThat(docs.path("openapi").asText()).startsWith("3.");
        JsonNode paths = docs.path("paths");
        assertThat(fieldNames(paths))
                .contains(
                        "/api/v1/listings",
                        "/api/v1/listings/{listingId}/publish",
                        "/api/v1/feed",
                        "/api/v1/listings/{listingId}",
                        "/api/v1/listings/{listingId}/unpublish",
                        "/api/v1/sellers/{sellerId}/listings",
                        "/api/v1/media/uploads",
                        "/api/v1/media/{id}/complete",
                        "/api/v1/auth/signup",
                        "/api/v1/auth/login",
                        "/api/v1/auth/refresh",
                        "/api/v1/auth/logout",
                        "/api/v1/auth/apple",
                        "/api/v1/me",
                        "/api/v1/cart",
                        "/api/v1/cart/items",
                        "/api/v1/cart/items/{listingId}",
                        "/api/v1/checkout",
                        "/api/v1/orders",
                        "/api/v1/sales",
                        "/api/v1/orders/{orderId}",
                        "/api/v1/orders/{orderId}/receipt",
                        "/api/v1/orders/{orderId}/cancel",
                        "/api/v1/orders/{orderId}/ship",
                        "/api/v1/orders/{orderId}/deliver",
                        "/api/v1/orders/{orderId}/refund",
                        "/api/v1/orders/{orderId}/payment",
                        "/api/v1/webhooks/stripe");
        assertThat(paths.path("/api/v1/listings").has("post")).isTrue();
        assertThat(paths.path("/api/v1/listings/{listingId}/publish").has("post"))
                .isTrue();
        assertThat(paths.path("/api/v1/listings/{listingId}").has("get")).isTrue();
        assertThat(paths.path("/api/v1/feed").has("get")).isTrue();

        List<String> feedParameters = new ArrayList<>();
        paths.path("/api/v1/feed")
                .path("get")
                .path("parameters")
                .forEach(parameter -> feedParameters.add(parameter.path("name").asText()));
        assertThat(feedParameters)
                .containsExactlyInAnyOrder(
                        "category",
                        "minPrice",
                        "maxPrice",
                        "condition",
                        "size",
                        "brand",
                        "sellerId",
                        "q",
                        "sort",
                        "cursor",
                        "limit");
        JsonNode limit = parameterSchema(paths.path("/api/v1/feed").path("get"), "limit");
        assertThat(limit.path("minimum").asInt()).isEqualTo(1);
        assertThat(limit.path("maximum").asInt()).isEqualTo(100);
    }

    /** Clients generate their code from this document: its success codes must be the ones the API answers. */
    @Test
    void theOpenApiDocumentStatesTheSuccessCodesTheApiReallyAnswers() {
        JsonNode paths = json("/v3/api-docs", 200).path("paths");

        assertThat(fieldNames(paths.path("/api/v1/listings").path("post").path("responses")))
                .as("documented responses of POST /api/v1/listings, which answers 201")
                .contains("201")
                .doesNotContain("200");
        assertThat(fieldNames(paths.path("/api/v1/listings/{listingId}/publish")
                        .path("post")
                        .path("responses")))
                .as("documented responses of POST /api/v1/listings/{listingId}/publish, which answers 204")
                .contains("204")
                .doesNotContain("200");
    }

    // ---------------------------------------------------------------- helpers

    private static String createAndPublishListing() {
        JsonNode created = seller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "Desk",
                        "price",
                        Map.of("amount", 4000, "currency", "EUR"),
                        "category",
                        "home",
                        "condition",
                        "fair",
                        "photoIds",
                        List.of(bazaar.uploadPhoto(sellerAccount))))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String id = created.path("id").asText();
        seller.post()
                .uri("/api/v1/listings/{id}/publish", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        return id;
    }

    @Test
    void anonymousCallersSeeOnlyTheOverallHealthStatus() {
        JsonNode health = json("/actuator/health", 200);

        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.has("components")).as("%s", health).isFalse();
        assertThat(json(seller, "/actuator/health", 200).has("components")).isFalse();
    }

    private static JsonNode json(String uri, int expectedStatus) {
        return json(bazaar.http(), uri, expectedStatus);
    }

    private static JsonNode json(WebTestClient client, String uri, int expectedStatus) {
        EntityExchangeResult<byte[]> result =
                client.get().uri(uri).exchange().expectBody().returnResult();
        String body = new String(result.getResponseBodyContent(), StandardCharsets.UTF_8);
        assertThat(result.getStatus().value()).as("GET %s: %s", uri, body).isEqualTo(expectedStatus);
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> prometheusSamples() {
        EntityExchangeResult<byte[]> result = bazaar.http()
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult();
        assertThat(result.getResponseHeaders().getContentType()).isNotNull();
        assertThat(result.getResponseHeaders().getContentType().isCompatibleWith(MediaType.TEXT_PLAIN))
                .isTrue();
        return new String(result.getResponseBodyContent(), StandardCharsets.UTF_8)
                .lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .toList();
    }

    /** The sum of all samples of a metric (over all tag combinations). */
    private static double value(List<String> samples, String metric) {
        return samples.stream()
                .filter(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static JsonNode parameterSchema(JsonNode operation, String name) {
        for (JsonNode parameter : operation.path("parameters")) {
            if (name.equals(parameter.path("name").asText())) {
                return parameter.path("schema");
            }
        }
        throw new AssertionError("no parameter " + name + " in " + operation);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
