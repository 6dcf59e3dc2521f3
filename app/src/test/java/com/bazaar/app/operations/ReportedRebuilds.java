package com.bazaar.app.operations;

import com.bazaar.operations.processors.ProcessorActivity;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Bean;

/**
 * Test-only extra source of the application ({@link #SOURCE}): a {@link ProcessorActivity} that reports the rebuilds a
 * test sets, standing in for the rebuild itself. Not a {@code @Configuration}, like {@link PoisonedFeedEvents}.
 */
class ReportedRebuilds {

    static final String SOURCE = ReportedRebuilds.class.getName();

    @Bean
    Activity reportedRebuildActivity() {
        return new Activity();
    }

    static final class Activity implements ProcessorActivity {

        private final Map<String, Double> progress = new ConcurrentHashMap<>();

        void report(String processor, double percent) {
            progress.put(processor, percent);
        }

        void finish(String processor) {
            progress.remove(processor);
        }

        @Override
        public Optional<Rebuild> rebuild(String processorName) {
            return Optional.ofNullable(progress.get(processorName)).map(Rebuild::new);
        }
    }
}
