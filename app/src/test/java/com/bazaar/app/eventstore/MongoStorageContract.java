package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.BazaarProperties;
import com.bazaar.platform.messaging.ProcessorClaims;
import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.springframework.core.env.StandardEnvironment;

/**
 * The storage contract on MongoDB, wired by {@link AxonMongoStorageConfiguration}; subclasses name the server.
 */
abstract class MongoStorageContract extends EventStorageContract {

    /** A Mongo server reached through the real driver over TCP, and a database no other test uses. */
    record StorageTarget(MongoClient client, String databaseName) {}

    /** Called before every test; each call must name a database no earlier test has written to. */
    abstract StorageTarget freshDatabase();

    private StorageTarget target;

    @Override
    Storage wireStorageLikeProduction(Serializer serializer) {
        target = freshDatabase();
        BazaarProperties properties = new BazaarProperties(
                Path.of("unused-by-these-tests"),
                "",
                target.databaseName(),
                LOOK_BACK,
                0,
                Duration.ofSeconds(1),
                Duration.ofSeconds(10));
        AxonMongoStorageConfiguration production = new AxonMongoStorageConfiguration();
        MongoTemplate template = production.axonMongoTemplate(target.client(), properties);
        TokenStore otherNode = MongoTokenStore.builder()
                .mongoTemplate(template)
                .serializer(serializer)
                .nodeId("other-node")
                .transactionManager(NoTransactionManager.INSTANCE)
                .build();
        return new Storage(
                production.eventStorageEngine(
                        template,
                        serializer,
                        serializer,
                        noUpcasters(),
                        production.axonTransactionManager(),
                        properties),
                production.tokenStore(
                        template,
                        serializer,
                        production.axonTransactionManager(),
                        ProcessorClaims.from(new StandardEnvironment())),
                otherNode,
                production.sagaStore(template, serializer, production.axonTransactionManager()),
                MongoTrackingToken.class);
    }

    @Override
    void dropStorage() {
        target.client().getDatabase(target.databaseName()).drop();
    }

    /** No transactions: the unit of work's insert is its commit, so nothing can run in between. */
    @Override
    void commitAfter(Runnable work, Runnable whileUncommitted) {
        work.run();
        whileUncommitted.run();
    }

    /**
     * Characterization of a hazard, not a wish: Mongo tracking re-reads only events whose timestamp is at most the
     * look-back window older than the newest event the reader has seen, so the late event is skipped by that reader
     * forever, although it is stored and a replay sees it. The LateCommitGuard is what notices.
     */
    @Override
    void thenTheLateEvent(EventMessage<?> late, List<String> delivered, SimpleMeterRegistry guardMeters) {
        assertThat(delivered).as("the skipped event never turns up later").isEmpty();
        assertThat(guardMeters
                        .get("bazaar.eventstore.commit.lag.exceeded")
                        .counter()
                        .count())
                .as("the guard flags the commit that may have been skipped")
                .isEqualTo(1);
    }
}
