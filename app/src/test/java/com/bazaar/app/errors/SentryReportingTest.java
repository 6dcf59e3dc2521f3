package com.bazaar.app.errors;

import static com.github.tomakehurst.wiremock.client.WireMock.ok;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.testing.sentry.FailOnPurpose;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * Unhandled request failures and failing event handlers reach Sentry (a local stand-in for its envelope endpoint) with
 * the request id, the acting user's id and the release, and without the token, the Authorization header or e-mail
 * addresses, even where the exception's own message quotes them.
 */
class SentryReportingTest {

    private static final String ENVELOPES = "/api/1/envelope/";

    @TempDir
    Path dataDir;

    private final WireMockServer sentry = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void startSentryStandIn() {
        sentry.start();
        sentry.stubFor(post(urlPathEqualTo(ENVELOPES)).willReturn(ok("{}")));
    }

    @AfterEach
    void stopSentryStandIn() {
        sentry.stop();
    }

    @Test
    void unhandledErrorsAndFailingEventHandlersArriveScrubbed() {
        try (RunningBazaar bazaar = RunningBazaar.start(
                dataDir,
                "--sentry.dsn=http://public@127.0.0.1:" + sentry.port() + "/1",
                "--spring.main.sources=" + FailOnPurpose.class.getName())) {
            RunningBazaar.User shopper = bazaar.signUp("Sentry Shopper");

            bazaar.as(shopper)
                    .get()
                    .uri("/test/boom")
                    .header("X-Request-Id", "sentry-request-1")
                    .exchange()
                    .expectStatus()
                    .is5xxServerError()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(detail -> assertThat(detail.toString()).doesNotContain("alice"));
            String requestReport = awaitReportMentioning("sentry-request-1");
            assertThat(requestReport)
                    .contains(
                            "IllegalStateException",
                            "Request failed on purpose",
                            "\"id\":\"" + shopper.id() + "\"",
                            "\"release\":\"");
            assertScrubbed(requestReport, shopper);

            RunningBazaar.User seller = bazaar.signUp("Sentry Seller");
            String photo = bazaar.uploadPhoto(seller);
            String listing = bazaar.as(seller)
                    .post()
                    .uri("/api/v1/listings")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of(
                            "title",
                            "Sentry jacket",
                            "description",
                            "Fails a handler",
                            "price",
                            Map.of("amount", 1000, "currency", "EUR"),
                            "shippingPrice",
                            Map.of("amount", 450, "currency", "EUR"),
                            "category",
                            "clothing",
                            "condition",
                            "good",
                            "photoIds",
                            List.of(photo)))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id")
                    .asText();
            bazaar.as(seller)
                    .post()
                    .uri("/api/v1/listings/{id}/publish", listing)
                    .header("X-Request-Id", "sentry-request-2")
                    .exchange()
                    .expectStatus()
                    .isNoContent();
            String handlerReport = awaitReportMentioning("sentry-request-2");
            assertThat(handlerReport)
                    .contains(
                            "Handler failed on purpose",
                            "event-handler",
                            "FailingProjection",
                            "\"id\":\"" + seller.id() + "\"",
                            "\"release\":\"");
            assertScrubbed(handlerReport, seller);
        }
    }

    private static void assertScrubbed(String report, RunningBazaar.User user) {
        assertThat(report)
                .doesNotContain(user.accessToken(), user.email(), "alice@example.com", "eyJhbGciOi", "Bearer");
        assertThat(report.toLowerCase()).doesNotContain("authorization");
    }

    private String awaitReportMentioning(String requestId) {
        String[] found = new String[1];
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (LoggedRequest request : sentry.findAll(postRequestedFor(urlPathEqualTo(ENVELOPES)))) {
                String envelope = body(request);
                if (envelope.contains(requestId)) {
                    found[0] = envelope;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String body(LoggedRequest request) {
        byte[] bytes = request.getBody();
        if (bytes.length > 2 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
            try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = gzip.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
