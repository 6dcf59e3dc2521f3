package com.bazaar.app;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Bazaar's own settings (README, "Configuration").
 *
 * @param dataDir    where the embedded MongoDB server keeps its data when no external MongoDB is configured
 * @param mongodbUri an external MongoDB (replica set in production); blank means "start the embedded server"
 * @param database   the database holding the event store, tokens, sagas and read models
 * @param lookBack   how far back Mongo tracking re-reads to catch events committed late (docs/EVENT-STORE.md)
 */
@ConfigurationProperties("bazaar")
public record BazaarProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("") String mongodbUri,
        @DefaultValue("bazaar") String database,
        @DefaultValue("5s") Duration lookBack) {

    public boolean embeddedMongo() {
        return mongodbUri == null || mongodbUri.isBlank();
    }
}
