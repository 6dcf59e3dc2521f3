package com.bazaar.app.eventstore;

import com.bazaar.contracts.listing.upcasting.ListingDraftCreatedV1ToV2;
import com.bazaar.contracts.order.upcasting.OrderDeliveredV1ToV2;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Every upcaster of the event contracts, in the order they must run. Events written by older versions are read
 * through this chain by aggregates and projections alike; the stored documents are never rewritten.
 */
@Configuration(proxyBeanMethods = false)
class EventUpcasters {

    @Bean
    @Order(1)
    EventUpcaster listingDraftCreatedV1ToV2() {
        return new ListingDraftCreatedV1ToV2();
    }

    @Bean
    @Order(2)
    EventUpcaster orderDeliveredV1ToV2() {
        return new OrderDeliveredV1ToV2();
    }
}
