package com.bazaar.command.cart;

import com.bazaar.platform.eventsourcing.SnapshotThresholds;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A cart is never closed (its id is the shopper's account id), so its events grow for as long as the account is used:
 * it is snapshotted every {@code bazaar.cart.snapshot-every} events and loading it reads one snapshot and fewer events.
 */
@Configuration(proxyBeanMethods = false)
class CartConfiguration {

    @Bean
    SnapshotTriggerDefinition cartSnapshotTrigger(SnapshotThresholds thresholds) {
        return thresholds.every("bazaar.cart.snapshot-every", 100);
    }
}
