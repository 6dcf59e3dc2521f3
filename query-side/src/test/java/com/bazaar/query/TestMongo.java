package com.bazaar.query;

import com.bazaar.platform.readmodel.ReadModelCollections;
import com.bazaar.platform.readmodel.RebuildableReadModel;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.util.List;
import java.util.UUID;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.DefaultDbRefResolver;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

/** A real Mongo wire-protocol server in memory (mongo-java-server), reached by the real driver over TCP. */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());

    /**
     * A fresh database on this server. Read models name their collections through the {@code readModelCollections}
     * bean ({@link ReadModelCollections}); {@code readModels} are the ones the test uses, all in generation 0.
     */
    public MongoTemplate database(RebuildableReadModel... readModels) {
        SimpleMongoClientDatabaseFactory factory =
                new SimpleMongoClientDatabaseFactory(client, "test-" + UUID.randomUUID());
        StaticApplicationContext context = new StaticApplicationContext();
        for (RebuildableReadModel readModel : readModels) {
            context.getBeanFactory().registerSingleton(readModel.processor() + "ReadModel", readModel);
        }
        context.getBeanFactory()
                .registerSingleton(
                        "readModelCollections",
                        new ReadModelCollections(
                                new MongoTemplate(factory),
                                context.getBeanFactory().getBeanProvider(RebuildableReadModel.class)));
        context.refresh();
        // What MongoTemplate builds by default, plus the application context SpEL collection names need.
        MongoCustomConversions conversions = new MongoCustomConversions(List.of());
        MongoMappingContext mapping = new MongoMappingContext();
        mapping.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
        mapping.setApplicationContext(context);
        mapping.afterPropertiesSet();
        MappingMongoConverter converter = new MappingMongoConverter(new DefaultDbRefResolver(factory), mapping);
        converter.setCustomConversions(conversions);
        converter.setCodecRegistryProvider(factory);
        converter.afterPropertiesSet();
        return new MongoTemplate(factory, converter);
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
