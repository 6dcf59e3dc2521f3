package com.bazaar.platform.messaging;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.readmodel.BatchedWrites;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.springboot.EventProcessorProperties;
import org.slf4j.MDC;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class MessagingConfiguration {

    /** Copies the request id and acting user from each command onto every event it causes (the audit trail's "who"). */
    @Bean
    CorrelationDataProvider requestCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(MetadataKeys.REQUEST_ID, MetadataKeys.USER_ID);
    }

    /** Axon's own causation chain (correlationId, traceId); declared because Axon drops its default once any provider bean exists. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Event processing defaults, registered the way every module registers its Axon settings (a
     * {@link ConfigurerModule} bean, as {@code PaymentsModule} does). Event processors run on their own threads: put
     * the event's request id into the logging context there too. An event handler that could not reach MongoDB is
     * retried, never skipped ({@link RetryWhileStoreUnavailable}). A projection may hold its writes until the end of its
     * batch ({@link BatchedWrites}). Claims follow {@link ProcessorClaims}.
     */
    @Bean
    ConfigurerModule eventProcessingDefaults(ProcessorClaims claims) {
        long claimInterval = claims.interval().toMillis();
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerPooledStreamingEventProcessorConfiguration((configuration, builder) ->
                        builder.tokenClaimInterval(claimInterval).claimExtensionThreshold(claimInterval))
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new RequestIdLoggingInterceptor())
                .registerDefaultHandlerInterceptor((configuration, processorName) -> BatchedWrites.flushAtEndOfBatch())
                .registerDefaultListenerInvocationErrorHandler(configuration -> new RetryWhileStoreUnavailable()));
    }

    @Bean
    ProcessorClaims processorClaims(Environment environment) {
        return ProcessorClaims.from(environment);
    }

    /**
     * Axon's Spring Boot support sets every configured processor's claim interval from its own properties (default
     * 5 s), after the defaults above: Bazaar's interval replaces it there too, so one setting covers every processor.
     */
    @Bean
    static BeanPostProcessor claimIntervalOfConfiguredProcessors(Environment environment) {
        long claimInterval = ProcessorClaims.from(environment).interval().toMillis();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventProcessorProperties properties) {
                    properties.getProcessors().values().forEach(processor -> {
                        processor.setTokenClaimInterval(claimInterval);
                        processor.setTokenClaimIntervalTimeUnit(TimeUnit.MILLISECONDS);
                    });
                }
                return bean;
            }
        };
    }

    static final class RequestIdLoggingInterceptor implements MessageHandlerInterceptor<EventMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            Object requestId = unitOfWork.getMessage().getMetaData().get(MetadataKeys.REQUEST_ID);
            if (requestId == null) {
                return chain.proceed();
            }
            try (MDC.MDCCloseable ignored = MDC.putCloseable(MetadataKeys.REQUEST_ID, requestId.toString())) {
                return chain.proceed();
            }
        }
    }
}
