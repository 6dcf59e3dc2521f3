package com.bazaar.payments;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * Entry point of the payments module: the payment saga (a Stripe PaymentIntent per order, cancelled with the order,
 * refunds), the Stripe webhook, {@code GET /orders/{id}/payment} and payment notifications. Switched off on a node with
 * {@code bazaar.roles.saga=false}. Without a Stripe secret key it starts and calls nothing (docs/PAYMENTS.md).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "bazaar.roles", name = "saga", havingValue = "true", matchIfMissing = true)
@ComponentScan
@EnableConfigurationProperties(PaymentsProperties.class)
public class PaymentsModule {

    /**
     * A saga handler that throws (Stripe unreachable after the client's own retries) must not lose the event: Axon's
     * default logs and moves on, which would leave an order without a PaymentIntent. Propagating makes the processor
     * retry the event with back-off; the idempotency keys make the retried Stripe calls harmless. Failures that no
     * retry can fix (card errors, invalid requests) are handled inside the saga and never thrown.
     */
    @Bean
    ConfigurerModule paymentSagaErrorHandling() {
        return configurer -> configurer.eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                PaymentSaga.PROCESSING_GROUP, configuration -> PropagatingErrorHandler.instance()));
    }
}
