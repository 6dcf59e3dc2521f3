package com.bazaar.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Rate limits over real HTTP, with windows shortened so the recovery can be observed too. */
class RateLimitsTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir,
                // Short enough to wait for, long enough that six sign-ins on a busy CI machine (each about a second
                // there, and the budget is spent when an attempt starts) fit in the time a token takes to come back
                // (one every 12 s).
                "--bazaar.auth.limits.failed-sign-ins-per-ip=5/1m",
                "--bazaar.auth.limits.failed-sign-ins-per-account=5/1m",
                "--bazaar.auth.limits.writes-per-user=3/1h");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void theSixthRapidFailedLoginFromOneIpIs429AndTheAccountStillSignsInAfterTheWindow() {
        User ivan = bazaar.signUp("Ivan");
        for (int attempt = 1; attempt <= 5; attempt++) {
            login(ivan.email(), "wrong password " + attempt).expectStatus().isUnauthorized();
        }
        EntityExchangeResult<byte[]> limited = login(ivan.email(), "wrong password 6")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/rate-limited")
                .returnResult();
        long retryAfter = Long.parseLong(limited.getResponseHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 12L);
        // Even the right password waits: the limit is checked before the password.
        login(ivan.email(), ivan.password()).expectStatus().isEqualTo(429);

        // Refused until the announced time (rounded up to whole seconds), then the right password signs in.
        await().atLeast(Duration.ofSeconds(retryAfter - 1))
                .atMost(Duration.ofSeconds(retryAfter + 15))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> login(ivan.email(), ivan.password())
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
    }

    @Test
    void writesBeyondTheAccountsBudgetAre429WhileOthersCarryOn() {
        User busy = bazaar.signUp("Busy Seller");
        User other = bazaar.signUp("Other Seller");
        for (int write = 1; write <= 3; write++) {
            createListing(bazaar.as(busy)).expectStatus().isCreated();
        }
        createListing(bazaar.as(busy))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        createListing(bazaar.as(other)).expectStatus().isCreated();
    }

    private static WebTestClient.ResponseSpec login(String email, String password) {
        return bazaar.http()
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "password", password))
                .exchange();
    }

    private static WebTestClient.ResponseSpec createListing(WebTestClient client) {
        return client.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "title",
                        "Chair",
                        "price",
                        Map.of("amount", 1500, "currency", "EUR"),
                        "category",
                        "home",
                        "condition",
                        "good"))
                .exchange();
    }
}
