package com.bazaar.app.consistency;

import static com.bazaar.app.consistency.ReadYourWritesTest.STATUS;
import static com.bazaar.app.consistency.ReadYourWritesTest.edit;
import static com.bazaar.app.consistency.ReadYourWritesTest.page;
import static com.bazaar.app.consistency.ReadYourWritesTest.sellerWithListing;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL event store: a write names the store's head (gap-aware token) instead of its own events, and the
 * segment tokens come from {@code tokenentry}; a read with it still sees the write every time.
 */
class ReadYourWritesOnPostgresTest {

    private static final int TRIES = 50;

    @TempDir
    Path dataDir;

    @Test
    void aListingEditIsOnItsPageOnTheNextReadEveryTime() {
        try (RunningBazaar bazaar = RunningBazaar.startOnPostgres(dataDir)) {
            ReadYourWritesTest.SellerListing published = sellerWithListing(bazaar, "Postgres Seller", "On postgres 0");
            for (int i = 1; i <= TRIES; i++) {
                String title = "On postgres " + i;
                String token = edit(published.client(), published.listing(), title, List.of(published.photo()));
                var read = page(published.client(), published.listing(), token);
                assertThat(read.getResponseBody().at("/title").asText())
                        .as("try %d", i)
                        .isEqualTo(title);
                assertThat(read.getResponseHeaders().getFirst(STATUS))
                        .as("try %d", i)
                        .isEqualTo("consistent");
            }
        }
    }
}
