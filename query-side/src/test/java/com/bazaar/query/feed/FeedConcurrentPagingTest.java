package com.bazaar.query.feed;

import static com.bazaar.query.feed.FeedFixture.details;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.feed.FeedFilter;
import com.bazaar.contracts.feed.FeedItem;
import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FeedSort;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The cursor guarantee of docs/FEED.md under load: one thread pages through the feed in small pages while another
 * publishes, edits prices (moving listings across the whole order), sells, unpublishes and republishes listings.
 * The pager sees every listing at most once, and every listing that was published before its snapshot and never
 * removed.
 */
class FeedConcurrentPagingTest {

    private static final int INITIAL = 120;
    private static final int PAGE = 3;
    private static final Duration PAUSE_BETWEEN_PAGES = Duration.ofMillis(80);

    private final FeedFixture feed = new FeedFixture();

    @AfterEach
    void close() {
        feed.close();
    }

    @ParameterizedTest
    @EnumSource(FeedSort.class)
    void pagingWhileListingsChangeNeverRepeatsAndNeverSkips(FeedSort sort) throws Exception {
        Instant setup = Instant.now().minus(Duration.ofMinutes(10));
        Random random = new Random(42);
        List<String> live = new ArrayList<>();
        Map<String, Instant> publishedAt = new ConcurrentHashMap<>();
        for (int i = 0; i < INITIAL; i++) {
            Instant at = setup.plusMillis(i * 10L);
            String id = feed.publishNew("seller-" + i % 7, details("Item " + i, 100 + random.nextInt(10_000)), at);
            live.add(id);
            publishedAt.put(id, at);
        }
        Set<String> everRemoved = ConcurrentHashMap.newKeySet();
        AtomicBoolean paging = new AtomicBoolean(true);

        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> changes = threads.submit(() -> {
                int applied = 0;
                Random dice = new Random(7);
                while (paging.get()) {
                    String id = live.get(dice.nextInt(live.size()));
                    String seller = "seller-x";
                    switch (dice.nextInt(10)) {
                        case 0 -> {
                            String fresh = feed.publishNew(
                                    seller, details("Fresh " + applied, dice.nextInt(10_000)), Instant.now());
                            publishedAt.put(fresh, Instant.now());
                            live.add(fresh);
                        }
                        case 1, 2, 3, 4, 5, 6 ->
                            feed.edit(id, seller, details("Repriced " + applied, dice.nextInt(10_000)), Instant.now());
                        case 7 -> {
                            everRemoved.add(id);
                            if (dice.nextBoolean()) {
                                feed.sell(id, seller, Instant.now());
                            } else {
                                feed.unpublish(id, seller, Instant.now());
                                feed.publish(id, seller, Instant.now());
                            }
                        }
                        default -> Thread.onSpinWait();
                    }
                    applied++;
                    Thread.sleep(10);
                }
                return applied;
            });

            List<FeedItem> seen = new ArrayList<>();
            String cursor = null;
            Instant asOf = null;
            do {
                FeedPage page = feed.page(FeedFilter.none(), sort, cursor, PAGE);
                seen.addAll(page.items());
                cursor = page.nextCursor();
                if (asOf == null && cursor != null) {
                    asOf = FeedCursor.decode(cursor, FeedFixture.CURSORS).asOf();
                }
                // Paging outlasts the snapshot lag several times over, so later pages do see newer events.
                Thread.sleep(PAUSE_BETWEEN_PAGES.toMillis());
            } while (cursor != null);
            paging.set(false);
            int applied = changes.get();

            List<String> ids = seen.stream().map(FeedItem::id).toList();
            assertThat(new HashSet<>(ids)).as("listings seen twice").hasSameSizeAs(ids);
            Instant snapshot = asOf;
            List<String> mustAppear = publishedAt.entrySet().stream()
                    .filter(entry -> !entry.getValue().isAfter(snapshot) && !everRemoved.contains(entry.getKey()))
                    .map(Map.Entry::getKey)
                    .toList();
            assertThat(ids).containsAll(mustAppear);
            assertThat(mustAppear).hasSizeGreaterThan(INITIAL / 2);
            assertThat(applied).as("changes applied while paging").isGreaterThan(100);
        } finally {
            paging.set(false);
            threads.shutdownNow();
        }
    }
}
