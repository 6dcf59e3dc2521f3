package com.bazaar.platform.consistency;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

/** Read-your-writes: the {@code Bazaar-Consistency} header (docs/OPERATIONS.md). */
@Configuration(proxyBeanMethods = false)
class ConsistencyConfiguration {

    @Bean
    WrittenEvents writtenEvents(EventStore eventStore) {
        WrittenEvents writtenEvents = new WrittenEvents();
        eventStore.registerDispatchInterceptor(writtenEvents);
        return writtenEvents;
    }

    @Bean
    ReadModelPositions readModelPositions(EventProcessingConfiguration processing, EventStoreTokens tokens) {
        return new ReadModelPositions(processing, tokens);
    }

    @Bean
    ReadYourWritesFilter readYourWritesFilter(
            WrittenEvents writtenEvents,
            ConsistencyTokenCodec codec,
            ReadModelPositions positions,
            EventStoreTokens tokens,
            EventStore eventStore,
            RequestMappingHandlerMapping requestMappingHandlerMapping,
            ObjectMapper json,
            @Value("${bazaar.consistency.max-wait:5s}") Duration maxWait,
            @Value("${bazaar.consistency.poll-interval:25ms}") Duration pollInterval) {
        return new ReadYourWritesFilter(
                writtenEvents,
                codec,
                positions,
                tokens,
                eventStore,
                requestMappingHandlerMapping,
                json,
                maxWait,
                pollInterval);
    }
}
