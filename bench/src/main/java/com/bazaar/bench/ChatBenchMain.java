package com.bazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.rsocket.metadata.WellKnownMimeType;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.RSocketStrategies;
import org.springframework.security.rsocket.metadata.BearerTokenAuthenticationEncoder;
import org.springframework.security.rsocket.metadata.BearerTokenMetadata;
import org.springframework.util.MimeTypeUtils;
import reactor.core.Disposable;

/**
 * Chat delivery latency with many open streams: {@code java -cp bench/target/bazaar-bench.jar
 * -Dloader.main=com.bazaar.bench.ChatBenchMain org.springframework.boot.loader.launch.PropertiesLauncher
 * [streams] [threads] [messages] [messagesPerSecond]} (defaults 1000 10 200 5). One seller holds {@code streams}
 * {@code chat.messages} streams over 50 RSocket connections, spread over {@code threads} threads; buyers send over
 * HTTP; every stream of the thread must receive every message. Latency: from just before the send request to the
 * stream's receipt. docs/PERFORMANCE.md.
 */
public final class ChatBenchMain {

    private static final int CONNECTIONS = 50;

    private ChatBenchMain() {}

    public static void main(String[] args) throws Exception {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        int streams = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int messages = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        int perSecond = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        try (EmbeddedBazaar bazaar = EmbeddedBazaar.start(
                List.of("--bazaar.chat.relay=flagged", "--bazaar.chat.messages-per-minute=100000"))) {
            run(bazaar, streams, threads, messages, perSecond);
        }
        System.exit(0);
    }

    private static void run(EmbeddedBazaar bazaar, int streams, int threads, int messages, int perSecond)
            throws Exception {
        BazaarClient client = new BazaarClient(bazaar.baseUrl());
        String seller = client.signUp("Chat bench seller", "chat-seller@bench.bazaar.example");
        Photos photos = new Photos(threads);
        ListingFactory listings = new ListingFactory(7);
        List<String> buyers = new ArrayList<>();
        List<String> threadIds = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            String listingId = publish(client, seller, listings.next(i, upload(client, seller, photos.get(i))));
            String buyer = client.signUp("Chat bench buyer " + i, "chat-buyer" + i + "@bench.bazaar.example");
            buyers.add(buyer);
            threadIds.add(open(client, buyer, listingId));
        }

        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(5), 3);
        AtomicLong received = new AtomicLong();
        RSocketStrategies strategies = RSocketStrategies.builder()
                .encoder(
                        new BearerTokenAuthenticationEncoder(),
                        new org.springframework.http.codec.json.Jackson2JsonEncoder())
                .decoder(new org.springframework.http.codec.json.Jackson2JsonDecoder())
                .build();
        List<RSocketRequester> connections = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            connections.add(RSocketRequester.builder()
                    .rsocketStrategies(strategies)
                    .setupMetadata(
                            new BearerTokenMetadata(seller),
                            MimeTypeUtils.parseMimeType(WellKnownMimeType.MESSAGE_RSOCKET_AUTHENTICATION.getString()))
                    .websocket(URI.create(bazaar.baseUrl().replaceFirst("^http", "ws") + "/rsocket")));
        }
        List<Disposable> subscriptions = new ArrayList<>();
        for (int s = 0; s < streams; s++) {
            Map<String, Object> request = new HashMap<>();
            request.put("threadId", threadIds.get(s % threads));
            request.put("after", null);
            subscriptions.add(connections
                    .get(s % CONNECTIONS)
                    .route("chat.messages")
                    .data(request)
                    .retrieveFlux(JsonNode.class)
                    .subscribe(
                            item -> {
                                Long sent = sentAt.get(item.get("text").asText());
                                if (sent != null) {
                                    latency.recordValue(Math.min(
                                            TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sent),
                                            latency.getHighestTrackableValue()));
                                    received.incrementAndGet();
                                }
                            },
                            failure -> System.err.println("stream failed: " + failure)));
        }
        Thread.sleep(5_000); // every stream set up and past its (empty) history

        long started = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        for (int m = 0; m < messages; m++) {
            long due = started + m * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            int thread = m % threads;
            String text = "bench message " + m;
            sentAt.put(text, System.nanoTime());
            client.post(
                            "/api/v1/chat/threads/" + threadIds.get(thread) + "/messages",
                            buyers.get(thread),
                            Map.of("clientMessageId", UUID.randomUUID().toString(), "text", text))
                    .requireOk("send");
        }
        long expected = (long) messages * (streams / threads);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        subscriptions.forEach(Disposable::dispose);
        connections.forEach(RSocketRequester::dispose);
        System.out.printf(
                "| chat send-to-receive, %d streams over %d threads, %d messages at %d/s | %d of %d "
                        + "received | p50 %.1f ms | p99 %.1f ms | max %.1f ms |%n",
                streams,
                threads,
                messages,
                perSecond,
                received.get(),
                expected,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
    }

    /** Uploads one photo as the account of {@code token}; answers its media id (also used by the store and image benchmarks). */
    static String upload(BazaarClient client, String token, byte[] jpeg) {
        BazaarClient.Answer requested = client.post(
                        "/api/v1/media/uploads", token, Map.of("contentType", "image/jpeg", "size", jpeg.length))
                .requireOk("upload URL");
        if (client.put(requested.body().get("uploadUrl").asText(), "image/jpeg", jpeg) != 200) {
            throw new IllegalStateException("photo upload failed");
        }
        String id = requested.body().get("id").asText();
        client.post("/api/v1/media/" + id + "/complete", token, null).requireOk("complete upload");
        return id;
    }

    static String publish(BazaarClient client, String token, Map<String, Object> listing) {
        String id = client.post("/api/v1/listings", token, listing)
                .requireOk("create listing")
                .body()
                .get("id")
                .asText();
        client.post("/api/v1/listings/" + id + "/publish", token, null).requireOk("publish listing");
        return id;
    }

    /** The command side learns of a new listing a moment after publication: retry until the thread opens. */
    private static String open(BazaarClient client, String buyer, String listingId) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            BazaarClient.Answer answer = client.post("/api/v1/chat/threads", buyer, Map.of("listingId", listingId));
            if (answer.status() == 201 || answer.status() == 200) {
                return answer.body().get("id").asText();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("could not open a chat thread about " + listingId);
    }
}
