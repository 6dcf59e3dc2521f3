package com.bazaar.app.eventstore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Refuses to start on a misspelt {@code BAZAAR_EVENT_STORE}: with neither storage configuration active, Axon would
 * quietly fall back to an in-memory event store and lose every event at shutdown.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${bazaar.event-store:mongo}'.matches('mongo|postgres')")
class EventStoreSelection {

    @Bean
    Object unknownEventStore(org.springframework.core.env.Environment environment) {
        throw new IllegalStateException("BAZAAR_EVENT_STORE must be mongo or postgres, not '"
                + environment.getProperty("bazaar.event-store") + "'");
    }
}
