package com.bazaar.app.eventstore;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage contract against the embedded server Bazaar starts when no MONGODB_URI is set: mongo-java-server with
 * its H2 file backend, reached over TCP by the real driver, as MongoConnectionConfiguration does it (the app's
 * DurableH2Backend changes only when the store is committed to disk, not what a command does).
 */
class EmbeddedMongoStorageTest extends MongoStorageContract {

    @TempDir
    static Path dataDir;

    private static MongoServer server;
    private static MongoClient client;

    @BeforeAll
    static void startEmbeddedServer() {
        server = new MongoServer(new H2Backend(dataDir.resolve("mongo.mv").toString()));
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        client = MongoClients.create("mongodb://" + address.getHostString() + ":" + address.getPort());
    }

    @AfterAll
    static void stopEmbeddedServer() {
        client.close();
        // Closes the H2 store before JUnit deletes the temp folder.
        server.shutdown();
    }

    @Override
    StorageTarget freshDatabase() {
        return new StorageTarget(
                client, "contract_" + UUID.randomUUID().toString().replace("-", ""));
    }
}
