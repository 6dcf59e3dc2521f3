package com.bazaar.query.feed;

import com.bazaar.contracts.feed.FeedPage;
import com.bazaar.contracts.feed.FindFeedPage;
import com.bazaar.platform.messaging.AxonGateways;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
class FeedController {

    private final AxonGateways gateways;

    FeedController(AxonGateways gateways) {
        this.gateways = gateways;
    }

    /** Published listings, newest first; pass the previous page's {@code nextCursor} to continue. */
    @GetMapping("/api/v1/feed")
    Mono<FeedPage> feed(@RequestParam(required = false) String cursor,
                        @RequestParam(defaultValue = "" + FindFeedPage.DEFAULT_LIMIT)
                        @Min(1) @Max(FindFeedPage.MAX_LIMIT) int limit) {
        return gateways.query(new FindFeedPage(cursor == null || cursor.isBlank() ? null : cursor, limit),
                ResponseTypes.instanceOf(FeedPage.class));
    }
}
