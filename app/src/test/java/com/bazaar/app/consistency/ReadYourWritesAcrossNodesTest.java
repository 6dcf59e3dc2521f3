package com.bazaar.app.consistency;

import static com.bazaar.app.consistency.ReadYourWritesTest.STATUS;
import static com.bazaar.app.consistency.ReadYourWritesTest.edit;
import static com.bazaar.app.consistency.ReadYourWritesTest.page;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The node that serves the read is not the one that took the write: the token names events, the wait reads the shared
 * token store, so node B sees node A's write (whichever node's processors handle it).
 */
class ReadYourWritesAcrossNodesTest {

    private static final int TRIES = 50;

    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void aWriteOnOneNodeIsSeenOnTheOtherWithItsToken() {
        try (RunningBazaar nodeA = RunningBazaar.startFirstNode(first);
                RunningBazaar nodeB = nodeA.join(second)) {
            ReadYourWritesTest.SellerListing published =
                    ReadYourWritesTest.sellerWithListing(nodeA, "Two Node Seller", "Two nodes 0");
            String photo = published.photo();
            String listing = published.listing();
            WebTestClient onA = published.client();
            WebTestClient onB = nodeB.as(published.seller());
            for (int i = 1; i <= TRIES; i++) {
                String title = "Two nodes " + i;
                String token = edit(onA, listing, title, List.of(photo));
                var read = page(onB, listing, token);
                assertThat(read.getResponseBody().at("/title").asText())
                        .as("try %d", i)
                        .isEqualTo(title);
                assertThat(read.getResponseHeaders().getFirst(STATUS)).isEqualTo("consistent");
            }
        }
    }
}
