package com.bazaar.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.contracts.common.MetadataKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.Configuration;
import org.axonframework.config.Configurer;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.springboot.EventProcessorProperties;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.mock.env.MockEnvironment;

/**
 * The event processing defaults reach every processor through the {@code ConfigurerModule} bean, the way each module
 * registers its Axon settings: an Axon configuration built with only that module puts the event's request id into
 * the logging context of a handler, and gives every processing group the store-outage error handler.
 */
class MessagingConfigurationTest {

    /** Any processing group; the defaults apply to all of them. */
    static final class Projection {
        final List<String> requestIdsSeen = new ArrayList<>();

        @EventHandler
        void on(String event) {
            requestIdsSeen.add(MDC.get(MetadataKeys.REQUEST_ID));
        }
    }

    @Test
    void everyProcessorLogsTheEventsRequestIdAndRetriesWhileTheStoreIsAway() {
        Projection projection = new Projection();
        Configurer configurer = DefaultConfigurer.defaultConfiguration();
        configurer.eventProcessing(processing ->
                processing.usingSubscribingEventProcessors().registerEventHandler(configuration -> projection));
        new MessagingConfiguration()
                .eventProcessingDefaults(ProcessorClaims.from(new StandardEnvironment()))
                .configureModule(configurer);
        Configuration configuration = configurer.start();
        try {
            configuration
                    .eventBus()
                    .publish(GenericEventMessage.asEventMessage("listing published")
                            .withMetaData(MetaData.with(MetadataKeys.REQUEST_ID, "req-42")));

            assertThat(projection.requestIdsSeen).containsExactly("req-42");
            assertThat(MDC.get(MetadataKeys.REQUEST_ID)).isNull();
            String group = Projection.class.getPackageName();
            assertThat(configuration.eventProcessingConfiguration().listenerInvocationErrorHandler(group))
                    .isInstanceOf(RetryWhileStoreUnavailable.class);
        } finally {
            configuration.shutdown();
        }
    }

    @Test
    void everyConfiguredProcessorTakesBazaarsClaimIntervalWhichMustBeWellBelowTheClaimTimeout() {
        MockEnvironment environment = new MockEnvironment();
        environment.setConversionService(new ApplicationConversionService());
        environment.setProperty("bazaar.event-processing.claim-interval", "7s");
        EventProcessorProperties properties = new EventProcessorProperties();
        EventProcessorProperties.ProcessorSettings feed = new EventProcessorProperties.ProcessorSettings();
        properties.getProcessors().put("feed", feed);

        MessagingConfiguration.claimIntervalOfConfiguredProcessors(environment)
                .postProcessAfterInitialization(properties, "axon.eventhandling");

        assertThat(TimeUnit.MILLISECONDS.convert(feed.getTokenClaimInterval(), feed.getTokenClaimIntervalTimeUnit()))
                .isEqualTo(7_000);
        environment.setProperty("bazaar.event-processing.claim-timeout", "14s");
        assertThatThrownBy(() -> ProcessorClaims.from(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("more than twice");
    }
}
