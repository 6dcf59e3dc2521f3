package com.bazaar.app.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.utility.DockerImageName;

/**
 * The storage contract against a real MongoDB (a single-node replica set, as Testcontainers starts it), the reference
 * the embedded server is measured against. Skipped, not failed, where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class RealMongoStorageTest extends MongoStorageContract {

    @Container
    private static final MongoDBContainer MONGO = new MongoDBContainer(DockerImageName.parse("mongo:7.0"));

    private static MongoClient client;

    // Runs after the Testcontainers extension has started the container.
    @BeforeAll
    static void connect() {
        client = MongoClients.create(MONGO.getConnectionString());
    }

    @AfterAll
    static void disconnect() {
        client.close();
    }

    @Override
    StorageTarget freshDatabase() {
        return new StorageTarget(
                client, "contract_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
