package com.bazaar.app.mongo;

import com.bazaar.app.BazaarProperties;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.bazaar.platform.readmodel.ReadModelDurability;
import com.bazaar.platform.readmodel.RebuildableReadModel;
import com.mongodb.ConnectionString;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.axonframework.config.ConfigurerModule;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.mongo.MongoConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Where MongoDB is: the external one named by {@code MONGODB_URI}, or else an in-process MongoDB wire-protocol server
 * (mongo-java-server with its H2 file backend) on a loopback port (free, or {@code BAZAAR_EMBEDDED_MONGO_PORT}), persisting to {@code BAZAAR_DATA_DIR}
 * and committing every write to disk before answering it ({@link DurableH2Backend}). The application talks to both
 * through the real MongoDB driver over TCP. Limits of the embedded server: docs/EVENT-STORE.md.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConnectionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConnectionConfiguration.class);

    /** The embedded server's file store; closed after the server (which depends on it) has shut down. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${bazaar.mongodb-uri:}'.isBlank()")
    MVStore embeddedMongoStore(BazaarProperties properties) {
        Path dataDir = properties.dataDir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dataDir, e);
        }
        // H2's default background writer stays on for housekeeping; durability comes from DurableH2Backend.
        return new MVStore.Builder()
                .fileName(dataDir.resolve("mongo.mv").toString())
                .open();
    }

    @Bean
    @ConditionalOnExpression("'${bazaar.mongodb-uri:}'.isBlank()")
    EmbeddedServerInserts embeddedServerInserts() {
        return new EmbeddedServerInserts();
    }

    @Bean(destroyMethod = "shutdown")
    @ConditionalOnExpression("'${bazaar.mongodb-uri:}'.isBlank()")
    MongoServer embeddedMongoServer(
            BazaarProperties properties,
            MVStore embeddedMongoStore,
            ObjectProvider<RebuildableReadModel> readModels,
            EmbeddedServerInserts embeddedServerInserts) {
        MongoServer server = new MongoServer(new DurableH2Backend(
                embeddedMongoStore,
                readModelCollections(readModels.orderedStream().toList()),
                embeddedServerInserts));
        server.bind("127.0.0.1", properties.embeddedMongoPort());
        log.info(
                "Embedded MongoDB wire-protocol server on {} persisting to {}",
                server.getLocalAddress(),
                embeddedMongoStore.getFileStore().getFileName());
        return server;
    }

    /**
     * The embedded server answers read-model writes before they are on disk (DurableH2Backend): every read-model
     * processor puts them there before its token is committed, wherever the tokens live.
     */
    @Bean
    @ConditionalOnExpression("'${bazaar.mongodb-uri:}'.isBlank()")
    ReadModelDurability embeddedReadModelDurability(MVStore embeddedMongoStore) {
        return () -> DurableH2Backend.commitToDisk(embeddedMongoStore);
    }

    @Bean
    ConfigurerModule readModelDurabilityBeforeTokens(
            ObjectProvider<ReadModelDurability> durability, ObjectProvider<RebuildableReadModel> readModels) {
        return configurer -> durability.ifAvailable(flush -> readModels
                .orderedStream()
                .forEach(model -> configurer
                        .eventProcessing()
                        .registerHandlerInterceptor(model.processor(), configuration -> flush.beforeTokenCommit())));
    }

    /** Every generation of every rebuildable read model's collections ({@code feed_items}, {@code feed_items_g2}, ...). */
    static Predicate<String> readModelCollections(List<RebuildableReadModel> readModels) {
        Set<String> bases = readModels.stream()
                .flatMap(model -> model.collections().stream())
                .collect(Collectors.toSet());
        return collection -> bases.contains(ReadModelCollections.base(collection));
    }

    @Bean
    MongoConnectionDetails mongoConnectionDetails(
            BazaarProperties properties, ObjectProvider<MongoServer> embeddedServer) {
        ConnectionString connection = properties.embeddedMongo()
                ? new ConnectionString(
                        "mongodb://" + hostAndPort(embeddedServer.getObject()) + "/" + properties.database())
                : new ConnectionString(properties.mongodbUri());
        return () -> connection;
    }

    private static String hostAndPort(MongoServer server) {
        InetSocketAddress address = server.getLocalAddress();
        return address.getHostString() + ":" + address.getPort();
    }
}
