package com.bazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long a published listing takes to show in the feed: the read model is eventually consistent (event store →
 * feed projection), and a first page reads the feed as it was {@code bazaar.feed.snapshot-lag} (2 s) ago, so this
 * is never below that lag. While seeding runs, a watcher polls the newest page every {@value #POLL_MILLIS} ms and
 * walks the whole feed every {@value #WALK_EVERY}th time (a listing projected late may sit below the first page).
 */
final class FeedVisibility {

    private static final long POLL_MILLIS = 100;
    private static final int WALK_EVERY = 20;

    private final BazaarClient client;
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();
    private final Map<String, Long> seenAt = new ConcurrentHashMap<>();
    private final Thread watcher;
    private volatile boolean stopped;

    FeedVisibility(BazaarClient client) {
        this.client = client;
        this.watcher = new Thread(this::watch, "bench-feed-watcher");
        this.watcher.setDaemon(true);
    }

    void start() {
        watcher.start();
    }

    /** Called when the publish command answered 2xx, at {@code nanos} ({@link System#nanoTime()}). */
    void published(String listingId, long nanos) {
        publishedAt.put(listingId, nanos);
    }

    /**
     * After seeding: walks the feed until every published listing is in it, stops the watcher, and answers the
     * per-listing delays plus the catch-up (last publish answered → all listings visible).
     */
    Map.Entry<ScenarioResult, ScenarioResult> awaitAll(Duration timeout) {
        long seedingDone = System.nanoTime();
        long deadline = seedingDone + timeout.toNanos();
        while (!allSeen() && System.nanoTime() < deadline) {
            mark(FeedPager.walkOnce(client, 100).toArray(String[]::new));
        }
        stopped = true;
        Workers.join(watcher);
        Recorder perListing = new Recorder();
        long lastPublished =
                publishedAt.values().stream().mapToLong(Long::longValue).max().orElse(seedingDone);
        long lastSeen = Long.MIN_VALUE;
        for (Map.Entry<String, Long> published : publishedAt.entrySet()) {
            Long seen = seenAt.get(published.getKey());
            if (seen == null) {
                perListing.fail("not in the feed after " + timeout.toSeconds() + " s");
                continue;
            }
            perListing.record(Math.max(0, seen - published.getValue()), 200);
            lastSeen = Math.max(lastSeen, seen);
        }
        Recorder catchUp = new Recorder();
        if (allSeen()) {
            catchUp.record(Math.max(0, lastSeen - lastPublished), 200);
        } else {
            catchUp.fail("feed incomplete after " + timeout.toSeconds() + " s");
        }
        return Map.entry(
                perListing.result("publish answered → listing in the feed", 0, "incl. 2 s snapshot lag"),
                catchUp.result("catch-up: last publish → all listings in the feed", 0, "one measurement (p50 = max)"));
    }

    private boolean allSeen() {
        return seenAt.keySet().containsAll(publishedAt.keySet());
    }

    private void watch() {
        int round = 0;
        while (!stopped) {
            try {
                if (++round % WALK_EVERY == 0) {
                    mark(FeedPager.walkOnce(client, 100).toArray(String[]::new));
                } else {
                    JsonNode page = client.get("/api/v1/feed?limit=100")
                            .requireOk("feed")
                            .body();
                    page.path("items").forEach(item -> mark(item.get("id").asText()));
                }
            } catch (RuntimeException transientFailure) {
                // A failed poll only delays detection; errors of the feed itself are counted by the read scenarios.
            }
            Workers.sleep(POLL_MILLIS);
        }
    }

    private void mark(String... ids) {
        long now = System.nanoTime();
        for (String id : ids) {
            seenAt.putIfAbsent(id, now);
        }
    }
}
