package com.bazaar.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.identity.DisplayNameChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.common.Registration;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;

/**
 * Identity steps that must not be half done: the failed sign-in budget is spent before the password is hashed, so
 * parallel failures cannot all slip past it; a rename whose event cannot be published yet is published later from the
 * account's outbox.
 */
class IdentityConsistencyTest {

    private static final int FAILURE_BUDGET = 5;
    private static final int PARALLEL_ATTEMPTS = 20;

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(
                dataDir,
                // Windows far longer than the test, so no token comes back while it runs.
                "--bazaar.auth.limits.failed-sign-ins-per-ip=" + FAILURE_BUDGET + "/1h",
                "--bazaar.auth.limits.failed-sign-ins-per-account=" + FAILURE_BUDGET + "/1h",
                "--bazaar.auth.outbox-retry-interval=500ms");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void twentyParallelWrongPasswordsGetTheBudgetOf401sAndOnlyThoseAreHashed() throws Exception {
        User victim = bazaar.signUp("Victim");
        double checksBefore = passwordChecks();
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Integer>> attempts = new ArrayList<>();
        for (int i = 0; i < PARALLEL_ATTEMPTS; i++) {
            String guess = "wrong guess " + i;
            attempts.add(() -> {
                go.await();
                return bazaar.http()
                        .post()
                        .uri("/api/v1/auth/login")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("email", victim.email(), "password", guess))
                        .exchange()
                        .returnResult(String.class)
                        .getStatus()
                        .value();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_ATTEMPTS);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> attempt : attempts) {
                answers.add(pool.submit(attempt));
            }
            go.countDown();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).filteredOn(status -> status == 401).hasSize(FAILURE_BUDGET);
        assertThat(statuses).filteredOn(status -> status == 429).hasSize(PARALLEL_ATTEMPTS - FAILURE_BUDGET);
        assertThat(passwordChecks() - checksBefore).isEqualTo(FAILURE_BUDGET);
    }

    @Test
    void aRenameWhoseEventCannotBePublishedIsPublishedLaterFromTheOutbox() {
        User seller = bazaar.signUp("Old Name");
        EventStore events = bazaar.bean(EventStore.class);
        MessageDispatchInterceptor<EventMessage<?>> storeDown = messages -> (index, message) -> {
            if (message.getPayload() instanceof DisplayNameChanged) {
                throw new IllegalStateException("event store unavailable");
            }
            return message;
        };
        Registration outage = events.registerDispatchInterceptor(storeDown);
        try {
            // The rename is stored, so it is answered as done, and the account shows it at once.
            bazaar.as(seller)
                    .patch()
                    .uri("/api/v1/me")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("displayName", "New Name"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.displayName")
                    .isEqualTo("New Name");
            // While the store refuses, retries fail too and nothing is published.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> renamesOf(seller).isEmpty());
        } finally {
            outage.cancel();
        }

        // Once it can, the outbox publishes the name, once, and the seller's label follows.
        await().atMost(Duration.ofSeconds(10)).until(() -> !renamesOf(seller).isEmpty());
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> renamesOf(seller).equals(List.of(new DisplayNameChanged(seller.id(), "New Name"))));
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> bazaar.http()
                        .get()
                        .uri("/api/v1/sellers/{id}/listings", seller.id())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$.seller.displayName")
                        .isEqualTo("New Name"));
    }

    private static double passwordChecks() {
        return bazaar.bean(MeterRegistry.class)
                .get("bazaar.auth.password.checks")
                .counter()
                .count();
    }

    private static List<DisplayNameChanged> renamesOf(User user) {
        List<DisplayNameChanged> renames = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                bazaar.bean(EventStore.class).openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (event.getPayload() instanceof DisplayNameChanged renamed
                        && user.id().equals(event.getMetaData().get(MetadataKeys.USER_ID))) {
                    renames.add(renamed);
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
        return renames;
    }
}
