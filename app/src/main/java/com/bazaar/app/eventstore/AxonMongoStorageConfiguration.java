package com.bazaar.app.eventstore;

import com.bazaar.app.BazaarProperties;
import com.bazaar.app.mongo.EmbeddedServerInserts;
import com.bazaar.operations.processors.TrackingPositions;
import com.bazaar.platform.messaging.ProcessorClaims;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventhandling.deadletter.MongoSequencedDeadLetterQueue;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.MongoSagaStore;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.DocumentPerEventStorageStrategy;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.documentperevent.EventEntryConfiguration;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's event store, token store and saga store, all in MongoDB through the Axon Mongo extension. There is no
 * Spring Boot starter for axon-mongo 4.12, so the beans are wired here (Axon's auto-configuration picks them up).
 *
 * <p>Transactions: the extension's {@link DefaultMongoTemplate} does not join Spring-managed Mongo sessions, so no
 * transaction manager could make an event append, a token update and a read-model write atomic. Axon therefore runs
 * with {@link NoTransactionManager} against both the embedded server (which has no sessions at all) and a replica
 * set; every append is one insert, and every projection is idempotent (docs/EVENT-STORE.md).
 *
 * <p>Dead letters of the processors that have a queue ({@code axon.eventhandling.processors.NAME.dlq.enabled}) go to
 * the extension's own {@link MongoSequencedDeadLetterQueue}, collection {@code deadletters}.
 *
 * <p>The default store; {@code BAZAAR_EVENT_STORE=postgres} picks {@link AxonPostgresStorageConfiguration} instead.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bazaar.event-store", havingValue = "mongo", matchIfMissing = true)
class AxonMongoStorageConfiguration {

    @Bean
    TransactionManager axonTransactionManager() {
        return NoTransactionManager.INSTANCE;
    }

    @Bean
    MongoTemplate axonMongoTemplate(MongoClient client, BazaarProperties properties) {
        return DefaultMongoTemplate.builder()
                .mongoDatabase(client, properties.database())
                .build();
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            MongoTemplate axonMongoTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            ObjectProvider<EventUpcaster> upcasters,
            TransactionManager transactionManager,
            BazaarProperties properties) {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder()
                .mongoTemplate(axonMongoTemplate)
                .storageStrategy(new DocumentPerEventStorageStrategy(
                        EventEntryConfiguration.getDefault(), properties.lookBack()))
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .transactionManager(transactionManager)
                .build();
        // The unique (aggregateIdentifier, sequenceNumber) index is what turns two concurrent writers of the same
        // aggregate into a ConcurrencyException; never rely on a container calling @PostConstruct for it.
        engine.ensureIndexes();
        return engine;
    }

    /** The embedded server (no {@code MONGODB_URI}) sees every append, this node's and any other node's. */
    @Bean
    @ConditionalOnExpression("'${bazaar.mongodb-uri:}'.isBlank()")
    StorageAppends embeddedServerAppends(EmbeddedServerInserts inserts, MongoTemplate axonMongoTemplate) {
        String events = axonMongoTemplate.eventCollection().getNamespace().getCollectionName();
        return new StorageAppends() {
            @Override
            public void onAppend(Runnable listener) {
                inserts.onInsertInto(events, listener);
            }

            @Override
            public boolean announcesOwnAppendsAtOnce() {
                return true;
            }
        };
    }

    @Bean
    LateCommitGuard lateCommitGuard(
            EventStore eventStore, MeterRegistry meters, BazaarProperties properties, Clock clock) {
        LateCommitGuard guard = new LateCommitGuard(properties.lookBack(), meters, clock);
        eventStore.registerDispatchInterceptor(guard);
        return guard;
    }

    @Bean
    TokenStore tokenStore(
            MongoTemplate axonMongoTemplate,
            Serializer serializer,
            TransactionManager transactionManager,
            ProcessorClaims claims) {
        return MongoTokenStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .claimTimeout(claims.timeout())
                .ensureIndexes(true)
                .transactionManager(transactionManager)
                .build();
    }

    @Bean
    MongoEventStoreTokens eventStoreTokens(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return new MongoEventStoreTokens(axonMongoTemplate, serializer);
    }

    @Bean
    SagaStore<Object> sagaStore(
            MongoTemplate axonMongoTemplate, Serializer serializer, TransactionManager transactionManager) {
        return MongoSagaStore.builder()
                .mongoTemplate(axonMongoTemplate)
                .serializer(serializer)
                .transactionManager(transactionManager)
                .build();
    }

    /** The queue of every processor whose {@code dlq.enabled} is set; Axon asks for one per processing group. */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProvider(
            EventProcessorProperties processors,
            MongoTemplate axonMongoTemplate,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            TransactionManager transactionManager) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                processingGroup -> configuration -> MongoSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processingGroup)
                        .mongoTemplate(axonMongoTemplate)
                        .serializer(eventSerializer)
                        .transactionManager(transactionManager)
                        .build());
    }

    @Bean
    TrackingPositions trackingPositions(MongoTemplate axonMongoTemplate, Serializer serializer) {
        return new MongoTrackingPositions(axonMongoTemplate, serializer);
    }
}
