package com.bazaar.app;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Bazaar's own settings (README, "Configuration").
 *
 * @param dataDir    where the embedded MongoDB server keeps its data when no external MongoDB is configured
 * @param mongodbUri an external MongoDB (replica set in production); blank means "start the embedded server"
 * @param database   the database holding the event store, tokens, sagas and read models
 * @param lookBack   how far back Mongo tracking re-reads to catch events committed late (docs/EVENT-STORE.md)
 * @param embeddedMongoPort loopback port of the embedded MongoDB server; 0 picks a free one. A fixed port lets a
 *                          second node join this one with {@code MONGODB_URI=mongodb://127.0.0.1:PORT/bazaar}
 * @param storeTimeout      how long the MongoDB driver waits for a usable server (server selection) before
 *                          the request fails with a 503
 * @param storeReadTimeout  how long the driver waits for a server's answer on an open connection, and for a free
 *                          pooled connection; above the slowest legitimate query (event replays), so it only ends
 *                          hung connections and exhausted pools
 */
@ConfigurationProperties("bazaar")
public record BazaarProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String mongodbUri,
        @DefaultValue("bazaar") String database,
        @DefaultValue("5s") Duration lookBack,
        @DefaultValue("0") int embeddedMongoPort,
        @DefaultValue("1s") Duration storeTimeout,
        @DefaultValue("10s") Duration storeReadTimeout) {

    public boolean embeddedMongo() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
