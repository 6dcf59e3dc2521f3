package com.bazaar.app.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.ChildProcessBazaar;
import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} in the middle of a burst of 500 commands from 8 clients, at three different moments (after 50, 200
 * and 400 answers), each followed by a restart on the same data folder: every command answered 2xx is in the event
 * store exactly once and in the read model; a command that got no answer (or a 5xx) is there at most once and
 * whole (each aggregate's history has no gap), and the read model shows whatever the event store ended with.
 */
class KillDuringBurstTest {

    private static final int CLIENTS = 8;
    private static final int COMMANDS_PER_CLIENT = 63;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dataDir;

    /** One command sent: its unique title, the listing it was for (null for an unanswered create), its outcome. */
    record Sent(int client, String title, String listingId, int status) {
        boolean acknowledged() {
            return status >= 200 && status < 300;
        }
    }

    @Test
    void everyAcknowledgedCommandSurvivesKillsAtDifferentMomentsOfABurstExactlyOnce() throws Exception {
        ChildProcessBazaar app = ChildProcessBazaar.start(dataDir);
        try {
            for (int killAfter : List.of(50, 200, 400)) {
                List<RunningBazaar.User> users = new ArrayList<>();
                for (int client = 0; client < CLIENTS; client++) {
                    users.add(app.signUp("Burst client " + client));
                }
                List<Sent> sent = burst(app, users, "k" + killAfter, killAfter);
                app = ChildProcessBazaar.start(dataDir);
                verify(app, users, sent, "k" + killAfter);
            }
        } finally {
            app.close();
        }
    }

    /** Runs the burst and kills the application once {@code killAfter} commands have been answered. */
    private static List<Sent> burst(ChildProcessBazaar app, List<RunningBazaar.User> users, String run, int killAfter)
            throws InterruptedException {
        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch answered = new CountDownLatch(killAfter);
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int client = 0; client < CLIENTS; client++) {
            int number = client;
            clients.submit(() -> sendCommands(app.baseUrl(), number, users.get(number), run, sent, answered));
        }
        assertThat(answered.await(3, TimeUnit.MINUTES))
                .as("answers before the kill")
                .isTrue();
        app.kill();
        clients.shutdown();
        assertThat(clients.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        assertThat(sent).filteredOn(command -> command.status() > 0).hasSizeGreaterThanOrEqualTo(killAfter);
        assertThat(sent).filteredOn(Sent::acknowledged).isNotEmpty();
        return sent;
    }

    /**
     * One client: creates a listing, edits it, and every tenth command creates a new one; every command carries a
     * title no other command uses. Stops at the first command that gets no answer (the process is gone).
     */
    private static void sendCommands(
            String baseUrl, int client, RunningBazaar.User user, String run, List<Sent> sent, CountDownLatch answered) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String listingId = null;
        for (int n = 0; n < COMMANDS_PER_CLIENT; n++) {
            String title = run + "-c" + client + "-n" + n;
            boolean create = listingId == null || n % 10 == 0;
            String body;
            try {
                body = JSON.writeValueAsString(KillAfterAcknowledgedEditsTest.listing(title));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            HttpRequest.Builder request = HttpRequest.newBuilder()
                    .header("Authorization", "Bearer " + user.accessToken())
                    .header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(30));
            request = create
                    ? request.uri(URI.create(baseUrl + "/api/v1/listings"))
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                    : request.uri(URI.create(baseUrl + "/api/v1/listings/" + listingId))
                            .PUT(HttpRequest.BodyPublishers.ofString(body));
            HttpResponse<String> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException gone) {
                sent.add(new Sent(client, title, create ? null : listingId, -1));
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (create && response.statusCode() == 201) {
                try {
                    listingId = JSON.readTree(response.body()).get("id").asText();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            sent.add(new Sent(
                    client,
                    title,
                    create ? (response.statusCode() == 201 ? listingId : null) : listingId,
                    response.statusCode()));
            answered.countDown();
        }
    }

    private static void verify(ChildProcessBazaar app, List<RunningBazaar.User> users, List<Sent> sent, String run) {
        try (StoredEvents store = new StoredEvents(app.mongoUri())) {
            List<StoredEvents.StoredEvent> events = store.all().stream()
                    .filter(event -> event.payload().contains("\"" + run + "-c"))
                    .toList();
            Map<String, Integer> owners = new HashMap<>();
            for (Sent command : sent) {
                List<StoredEvents.StoredEvent> stored = events.stream()
                        .filter(event -> event.payload().contains("\"" + command.title() + "\""))
                        .toList();
                if (command.acknowledged()) {
                    assertThat(stored).as("events of acknowledged %s", command).hasSize(1);
                } else {
                    assertThat(stored).as("events of unanswered %s", command).hasSizeLessThanOrEqualTo(1);
                }
                stored.forEach(event -> owners.put(event.aggregateId(), command.client()));
            }
            Map<String, List<StoredEvents.StoredEvent>> histories =
                    events.stream().collect(Collectors.groupingBy(StoredEvents.StoredEvent::aggregateId));
            assertThat(owners.keySet()).containsExactlyInAnyOrderElementsOf(histories.keySet());
            Map<String, String> lastTitles = new HashMap<>();
            histories.forEach((listingId, history) -> {
                assertThat(history)
                        .extracting(StoredEvents.StoredEvent::sequence)
                        .as("history of %s", listingId)
                        .containsExactlyElementsOf(
                                LongStream.range(0, history.size()).boxed().toList());
                String lastPayload = history.get(history.size() - 1).payload();
                lastTitles.put(
                        listingId,
                        sent.stream()
                                .map(Sent::title)
                                .filter(title -> lastPayload.contains("\"" + title + "\""))
                                .findFirst()
                                .orElseThrow());
            });

            await().atMost(Duration.ofSeconds(90))
                    .untilAsserted(
                            () -> lastTitles.forEach((listingId, title) -> app.as(users.get(owners.get(listingId)))
                                    .get()
                                    .uri("/api/v1/listings/{id}", listingId)
                                    .exchange()
                                    .expectStatus()
                                    .isOk()
                                    .expectBody()
                                    .jsonPath("$.title")
                                    .isEqualTo(title)));
            // Nothing replayed or retried after the restart adds a second copy.
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(store.all().stream()
                                    .filter(event -> event.payload().contains("\"" + run + "-c")))
                            .hasSameSizeAs(events));
        }
    }
}
