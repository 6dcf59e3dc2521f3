package com.bazaar.app.operations;

import com.bazaar.contracts.listing.ListingPublished;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.context.annotation.Bean;

/**
 * Test-only extra source of the application ({@link #SOURCE}): a second handler in the real {@code feed} processing
 * group that fails for the listings a test poisons, the way a projection bug fails for one event. Deliberately not a
 * {@code @Configuration}: the application's component scan covers com.bazaar.app and would add it to every test.
 */
class PoisonedFeedEvents {

    static final String SOURCE = PoisonedFeedEvents.class.getName();

    @Bean
    PoisonedFeedHandler poisonedFeedHandler() {
        return new PoisonedFeedHandler();
    }

    @ProcessingGroup("feed")
    static final class PoisonedFeedHandler {

        private final Set<String> poisoned = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> handled = new ConcurrentHashMap<>();

        void poison(String listingId) {
            poisoned.add(listingId);
        }

        void cure(String listingId) {
            poisoned.remove(listingId);
        }

        /** How often the publication of {@code listingId} was handled without failing. */
        int handled(String listingId) {
            return handled.getOrDefault(listingId, 0);
        }

        @EventHandler
        void on(ListingPublished event) {
            if (poisoned.contains(event.listingId())) {
                throw new IllegalStateException("test poison: listing " + event.listingId() + " cannot be projected");
            }
            handled.merge(event.listingId(), 1, Integer::sum);
        }
    }
}
