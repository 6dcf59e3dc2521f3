package com.bazaar.app.eventstore;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the PostgreSQL event store is, used when {@code BAZAAR_EVENT_STORE=postgres} (README, "Configuration").
 *
 * @param url          JDBC URL, e.g. {@code jdbc:postgresql://db.internal:5432/bazaar}
 * @param user         database user; needs CREATE on the schema for the migrations
 * @param password     its password (empty for trust authentication)
 * @param maxPoolSize  connections per node: every tracking processor's coordinator and worker takes one while it
 *                     fetches or stores a token, and every command one while it appends
 */
@ConfigurationProperties("bazaar.postgres")
record PostgresProperties(
        @DefaultValue("") String url,
        @DefaultValue("postgres") String user,
        @DefaultValue("") String password,
        @DefaultValue("20") int maxPoolSize) {}
