package com.bazaar.query;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.util.UUID;

/** A real Mongo wire-protocol server in memory (mongo-java-server), reached by the real driver over TCP. */
public final class TestMongo implements AutoCloseable {

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private final MongoClient client = MongoClients.create(server.bindAndGetConnectionString());

    /** A fresh database on this server. */
    public MongoTemplate database() {
        return new MongoTemplate(client, "test-" + UUID.randomUUID());
    }

    @Override
    public void close() {
        client.close();
        server.shutdownNow();
    }
}
