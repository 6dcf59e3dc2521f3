package com.bazaar.app.mongo;

import com.bazaar.app.BazaarProperties;
import com.mongodb.WriteConcern;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.autoconfigure.mongo.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How the one {@code MongoClient} (event store, tokens, sagas, read models, accounts) talks to MongoDB.
 *
 * <p>Durability: every write waits for a majority of the replica set and for the journal ({@code w: majority,
 * j: true}) before it is acknowledged, so a 2xx built on it survives the primary failing over or the machine
 * crashing; writes are retried once on a new primary (retryable writes). This overrides a weaker write concern
 * given in {@code MONGODB_URI} on purpose. The embedded server ignores write concerns and is made durable by
 * {@link DurableH2Backend} instead (docs/EVENT-STORE.md).
 *
 * <p>Fail fast: with the driver's defaults a request waits 30 s for an unreachable server. Here server selection is
 * bounded by {@code bazaar.store-timeout}, so while MongoDB is away
 * requests end in a 503 within about a second, and the driver reconnects by itself when it is back.
 */
@Configuration(proxyBeanMethods = false)
class MongoClientPolicy {

    @Bean
    MongoClientSettingsBuilderCustomizer durableAndFailFastMongoClient(BazaarProperties properties) {
        long timeout = properties.storeTimeout().toMillis();
        long readTimeout = properties.storeReadTimeout().toMillis();
        return settings -> settings.writeConcern(WriteConcern.MAJORITY.withJournal(true))
                .retryWrites(true)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(timeout, TimeUnit.MILLISECONDS))
                // Not the connect timeout: the driver also uses it as the read timeout of its monitor's heartbeats,
                // and a heartbeat slower than that marks a healthy but busy server as down (seen at 500 ms on a
                // loaded machine). A server that is down refuses connections at once anyway.
                .applyToSocketSettings(socket -> socket.readTimeout(readTimeout, TimeUnit.MILLISECONDS))
                // A free pooled connection: not the short timeout, a node starting up opens many connections at once
                // (two at a time) and waited longer than 500 ms for one on a loaded machine. Driver default: 2 min.
                .applyToConnectionPoolSettings(pool -> pool.maxWaitTime(readTimeout, TimeUnit.MILLISECONDS));
    }
}
