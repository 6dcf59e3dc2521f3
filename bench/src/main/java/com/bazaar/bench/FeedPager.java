package com.bazaar.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Walks the feed page by page following {@code nextCursor}, one page per {@link #call()}, and starts again from the
 * first page after the last. Each complete walk is timed into {@code walks} and checked: it must see every listing
 * exactly once (docs/FEED.md, the paging guarantee).
 */
final class FeedPager implements ClosedLoopLoad.Probe {

    private final BazaarClient client;
    private final int pageSize;
    private final int expectedListings;
    private final Recorder walks;
    private final Set<String> seen = new HashSet<>();
    private String cursor;
    private long walkStarted;
    private int duplicates;

    FeedPager(BazaarClient client, int pageSize, int expectedListings, Recorder walks) {
        this.client = client;
        this.pageSize = pageSize;
        this.expectedListings = expectedListings;
        this.walks = walks;
    }

    @Override
    public int call() {
        if (cursor == null) {
            walkStarted = System.nanoTime();
            seen.clear();
            duplicates = 0;
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("limit", String.valueOf(pageSize));
        if (cursor != null) {
            query.put("cursor", cursor);
        }
        BazaarClient.Answer page = client.get("/api/v1/feed" + BazaarClient.query(query));
        if (!page.ok()) {
            cursor = null;
            return page.status();
        }
        for (JsonNode item : page.body().path("items")) {
            if (!seen.add(item.get("id").asText())) {
                duplicates++;
            }
        }
        JsonNode next = page.body().path("nextCursor");
        cursor = next.isTextual() ? next.asText() : null;
        if (cursor == null) {
            walks.record(System.nanoTime() - walkStarted, 200);
            if (seen.size() != expectedListings || duplicates > 0) {
                walks.fail("walk saw " + seen.size() + " listings, " + duplicates + " twice");
            }
        }
        return page.status();
    }

    /** Walks the whole feed once, as fast as it goes; answers the ids seen. */
    static Set<String> walkOnce(BazaarClient client, int pageSize) {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            String query = "?limit=" + pageSize + (cursor == null ? "" : "&cursor=" + cursor);
            JsonNode page =
                    client.get("/api/v1/feed" + query).requireOk("feed page").body();
            page.path("items").forEach(item -> ids.add(item.get("id").asText()));
            JsonNode next = page.path("nextCursor");
            cursor = next.isTextual() ? next.asText() : null;
        } while (cursor != null);
        return ids;
    }
}
