package com.bazaar.app.eventstore;

import com.bazaar.operations.processors.TrackingPositions;
import com.bazaar.platform.messaging.ProcessorClaims;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.modelling.saga.repository.jdbc.JdbcSagaStore;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.springboot.EventProcessorProperties;
import org.axonframework.springboot.util.DeadLetterQueueProviderConfigurerModule;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon's event store, token store and saga store in PostgreSQL through Axon's JDBC components, chosen by
 * {@code BAZAAR_EVENT_STORE=postgres}. Read models stay in MongoDB (docs/EVENT-STORE.md).
 *
 * <p>Transactions: every Axon unit of work runs in one Spring JDBC transaction ({@link SpringTransactionManager} over a
 * {@link DataSourceTransactionManager}), and the connection provider hands Axon the transaction's connection. So an
 * aggregate's appended events, a processor's token update and its saga's state commit together or not at all; the
 * Mongo read-model writes in the same unit of work are not part of it.
 *
 * <p>Dead letters of the processors that have a queue ({@code axon.eventhandling.processors.NAME.dlq.enabled}) go to
 * Axon's {@link JdbcSequencedDeadLetterQueue}, table {@code deadletterentry} (migration V2).
 *
 * <p>Tracking uses Axon's gap-aware tokens over the {@code globalindex} sequence: an event that commits late is
 * delivered when it commits, within {@link #GAP_TIMEOUT_MILLIS}; there is no look-back window to fall out of.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bazaar.event-store", havingValue = "postgres")
@EnableConfigurationProperties(PostgresProperties.class)
class AxonPostgresStorageConfiguration {

    /** Where the schema's migrations live (Flyway), apart from any other use of the database. */
    static final String MIGRATIONS = "classpath:db/eventstore";

    /**
     * How long a reader waits for a gap (an index drawn by a transaction not yet committed) before giving up on it.
     * Axon's default; a unit of work here takes milliseconds, and a rolled-back one leaves a gap forever.
     */
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private static final String UNIQUE_VIOLATION = "23505";

    @Bean(destroyMethod = "close")
    HikariDataSource eventStoreDataSource(PostgresProperties properties) {
        if (properties.url().isBlank()) {
            throw new IllegalStateException(
                    "BAZAAR_EVENT_STORE=postgres needs BAZAAR_POSTGRES_URL (a jdbc:postgresql:// URL)");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("event-store");
        config.setJdbcUrl(properties.url());
        config.setUsername(properties.user());
        config.setPassword(properties.password());
        config.setMaximumPoolSize(properties.maxPoolSize());
        return new HikariDataSource(config);
    }

    /** Migrates the schema before any Axon component touches it; the storage beans take it as a parameter for that. */
    @Bean
    Flyway eventStoreSchema(DataSource eventStoreDataSource) {
        Flyway flyway = Flyway.configure()
                .dataSource(eventStoreDataSource)
                .locations(MIGRATIONS)
                .load();
        flyway.migrate();
        return flyway;
    }

    @Bean
    PlatformTransactionManager eventStoreTransactionManager(DataSource eventStoreDataSource) {
        return new DataSourceTransactionManager(eventStoreDataSource);
    }

    @Bean
    TransactionManager axonTransactionManager(PlatformTransactionManager eventStoreTransactionManager) {
        return new SpringTransactionManager(eventStoreTransactionManager);
    }

    /** The connection of the current Spring transaction, so Axon's statements join it instead of auto-committing. */
    @Bean
    ConnectionProvider eventStoreConnectionProvider(DataSource eventStoreDataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(
                new SpringDataSourceConnectionProvider(eventStoreDataSource));
    }

    @Bean
    EventStorageEngine eventStorageEngine(
            ConnectionProvider eventStoreConnectionProvider,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            ObjectProvider<EventUpcaster> upcasters,
            TransactionManager transactionManager,
            Flyway eventStoreSchema) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(eventStoreConnectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(AxonPostgresStorageConfiguration::isUniqueViolation)
                .eventSerializer(eventSerializer)
                .snapshotSerializer(serializer)
                .upcasterChain(new EventUpcasterChain(upcasters.orderedStream().toList()))
                .gapTimeout(GAP_TIMEOUT_MILLIS)
                .build();
    }

    /** Tells this node's event store when any node appends (migration V3's notification); see its class. */
    @Bean
    PostgresArrivalNotifications eventArrivalNotifications(PostgresProperties properties, Flyway eventStoreSchema) {
        return new PostgresArrivalNotifications(properties);
    }

    @Bean
    TokenStore tokenStore(
            ConnectionProvider eventStoreConnectionProvider,
            Serializer serializer,
            ProcessorClaims claims,
            Flyway eventStoreSchema) {
        return JdbcTokenStore.builder()
                .connectionProvider(eventStoreConnectionProvider)
                .serializer(serializer)
                .claimTimeout(claims.timeout())
                .build();
    }

    @Bean
    JdbcEventStoreTokens eventStoreTokens(
            DataSource eventStoreDataSource, Serializer serializer, Flyway eventStoreSchema) {
        return new JdbcEventStoreTokens(eventStoreDataSource, serializer);
    }

    @Bean
    SagaStore<Object> sagaStore(
            ConnectionProvider eventStoreConnectionProvider, Serializer serializer, Flyway eventStoreSchema) {
        return JdbcSagaStore.builder()
                .connectionProvider(eventStoreConnectionProvider)
                .sqlSchema(new PostgresSagaSqlSchema())
                .serializer(serializer)
                .build();
    }

    /**
     * The queue of every processor whose {@code dlq.enabled} is set. Declared here rather than left to Axon's
     * JdbcAutoConfiguration so that it uses this configuration's connections and waits for the schema migration.
     */
    @Bean
    DeadLetterQueueProviderConfigurerModule deadLetterQueueProvider(
            EventProcessorProperties processors,
            ConnectionProvider eventStoreConnectionProvider,
            TransactionManager transactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer,
            Flyway eventStoreSchema) {
        return new DeadLetterQueueProviderConfigurerModule(
                processors,
                processingGroup -> configuration -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                        .processingGroup(processingGroup)
                        .connectionProvider(eventStoreConnectionProvider)
                        .transactionManager(transactionManager)
                        .schema(DeadLetterSchema.defaultSchema())
                        .genericSerializer(serializer)
                        .eventSerializer(eventSerializer)
                        .build());
    }

    @Bean
    TrackingPositions trackingPositions(
            DataSource eventStoreDataSource, Serializer serializer, Flyway eventStoreSchema) {
        return new PostgresTrackingPositions(eventStoreDataSource, serializer);
    }

    /**
     * PostgreSQL's unique_violation, which a second writer of one (aggregate, sequence) gets; Axon turns it into a
     * ConcurrencyException (HTTP 409). Axon's own resolvers miss it: {@code JdbcSQLErrorCodesResolver} looks only for
     * {@code SQLIntegrityConstraintViolationException}, which the PostgreSQL driver never throws, and the JPA
     * package's {@code SQLErrorCodesResolver} needs JPA on the class path.
     */
    static boolean isUniqueViolation(Exception exception) {
        for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
