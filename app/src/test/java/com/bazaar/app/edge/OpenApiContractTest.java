package com.bazaar.app.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;

/**
 * The OpenAPI document as clients need it (docs/API.md, "OpenAPI"). Writes the live document to
 * {@code target/openapi.json}, which the build lints with Redocly's recommended rules (mobile/redocly.yaml), and
 * checks that the copy the mobile app is tested against ({@code mobile/openapi.json}) is the same document; run with
 * {@code -Dopenapi.update=true} to refresh that copy. Then checks the declared security against the running app: every
 * operation declared public answers without a token, every other one is refused with 401.
 */
class OpenApiContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path MOBILE_COPY = Path.of("..", "mobile", "openapi.json");
    private static final Path LINTED = Path.of("target", "openapi.json");

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static JsonNode document;

    @BeforeAll
    static void startBazaar() throws IOException {
        bazaar = RunningBazaar.start(dataDir);
        String text = new String(bazaar.http()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .returnResult()
                .getResponseBodyContent());
        document = JSON.readTree(text);
        String pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n";
        Files.createDirectories(LINTED.getParent());
        Files.writeString(LINTED, pretty);
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(MOBILE_COPY, pretty);
        }
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void theMobileAppIsTestedAgainstTheLiveDocument() throws IOException {
        boolean same = JSON.readTree(Files.readString(MOBILE_COPY)).equals(document);
        assertThat(same)
                .as(
                        "mobile/openapi.json is the live document (%s); refresh it with -Dopenapi.update=true",
                        LINTED.toAbsolutePath())
                .isTrue();
    }

    @Test
    void everyOperationHasASummaryAndDocumentsItsProblems() {
        List<String> operations = operations();
        assertThat(operations).hasSizeGreaterThan(30);
        for (String operation : operations) {
            JsonNode node = operation(operation);
            assertThat(node.path("summary").asText())
                    .as("summary of %s", operation)
                    .isNotBlank();
            assertThat(node.has("security")).as("security of %s", operation).isTrue();
            List<String> problems = new ArrayList<>();
            node.path("responses").fieldNames().forEachRemaining(status -> {
                if (status.startsWith("4")) {
                    problems.add(status);
                }
            });
            // Only an operation without input and without a token (the JWKS) has no client error to declare.
            boolean takesNothing = !node.has("parameters")
                    && !node.has("requestBody")
                    && node.path("security").isEmpty();
            assertThat(problems.isEmpty())
                    .as("problem answers of %s: %s", operation, problems)
                    .isEqualTo(takesNothing);
        }
        JsonNode problem = document.at("/components/schemas/Problem/properties");
        assertThat(problem.has("errors") && problem.has("type") && problem.has("instance"))
                .isTrue();
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
                .isEqualTo("bearer");
        assertThat(document.at("/components/responses/BadRequest/content").has("application/problem+json"))
                .isTrue();
    }

    @Test
    void theDeclaredSecurityIsTheEnforcedOne() {
        for (String operation : operations()) {
            String method = operation.substring(0, operation.indexOf(' '));
            String path = operation.substring(operation.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
            boolean declaredPublic = operation(operation).path("security").isEmpty();
            int status = bazaar.http()
                    .method(HttpMethod.valueOf(method))
                    .uri(path)
                    .header("Content-Type", "application/json")
                    .exchange()
                    .returnResult(byte[].class)
                    .getStatus()
                    .value();
            if (declaredPublic) {
                assertThat(status).as("%s declared public", operation).isNotIn(401, 403);
            } else {
                assertThat(status)
                        .as("%s declared as needing a token", operation)
                        .isEqualTo(401);
            }
        }
    }

    private static List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(method -> {
                    if (List.of("get", "post", "put", "patch", "delete").contains(method)) {
                        operations.add(method.toUpperCase() + " " + path.getKey());
                    }
                }));
        return operations;
    }

    private static JsonNode operation(String operation) {
        String method = operation.substring(0, operation.indexOf(' ')).toLowerCase();
        String path = operation.substring(operation.indexOf(' ') + 1);
        return document.path("paths").path(path).path(method);
    }
}
