package com.bazaar.query.feed;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * How the feed pages (docs/FEED.md). {@code snapshotLag}: a first page reads the feed as it was this long ago, so
 * events already stamped but not yet projected cannot change the snapshot under a shopper's cursor.
 * {@code retention}: how long superseded versions, and so cursors, stay usable. {@code cursorKey} signs cursors.
 */
record FeedSettings(Duration snapshotLag, Duration retention, byte[] cursorKey, Clock clock) {

    @Configuration(proxyBeanMethods = false)
    static class FromProperties {

        @Bean
        FeedSettings feedSettings(@Value("${bazaar.feed.snapshot-lag:2s}") Duration snapshotLag,
                                  @Value("${bazaar.feed.retention:24h}") Duration retention,
                                  @Value("${bazaar.feed.cursor-secret:bazaar-feed-cursor}") String cursorSecret,
                                  Clock clock) {
            return new FeedSettings(snapshotLag, retention, cursorSecret.getBytes(StandardCharsets.UTF_8), clock);
        }
    }
}
