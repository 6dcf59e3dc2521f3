package com.bazaar.query.feed;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the feed pages (docs/FEED.md). {@code snapshotLag}: a first page reads the feed as it was this long ago, so
 * events already stamped but not yet projected cannot change the snapshot under a shopper's cursor.
 * {@code retention}: how long superseded versions, and so cursors, stay usable.
 */
record FeedSettings(Duration snapshotLag, Duration retention, Clock clock) {

    @Configuration(proxyBeanMethods = false)
    static class FromProperties {

        @Bean
        FeedSettings feedSettings(
                @Value("${bazaar.feed.snapshot-lag:2s}") Duration snapshotLag,
                @Value("${bazaar.feed.retention:24h}") Duration retention,
                Clock clock) {
            return new FeedSettings(snapshotLag, retention, clock);
        }
    }
}
