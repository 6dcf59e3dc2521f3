package com.bazaar.platform.messaging;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.readmodel.BatchedWrites;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
     * batch ({@link BatchedWrites}).
     */
    @Bean
    ConfigurerModule eventProcessingDefaults() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerDefaultHandlerInterceptor((configuration, processorName) -> new RequestIdLoggingInterceptor())
                .registerDefaultHandlerInterceptor((configuration, processorName) -> BatchedWrites.flushAtEndOfBatch())
                .registerDefaultListenerInvocationErrorHandler(configuration -> new RetryWhileStoreUnavailable()));
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
