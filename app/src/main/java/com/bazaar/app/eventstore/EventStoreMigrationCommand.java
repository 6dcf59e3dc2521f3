package com.bazaar.app.eventstore;

import com.bazaar.app.BazaarProperties;
import com.bazaar.app.mongo.MongoConnectionConfiguration;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.util.Arrays;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.mongo.MongoAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * {@code java -jar bazaar.jar --bazaar.migrate-event-store=mongo-to-postgres}: copies the event store from the
 * configured MongoDB (embedded in {@code BAZAAR_DATA_DIR}, or {@code MONGODB_URI}) into the empty PostgreSQL event
 * store at {@code BAZAAR_POSTGRES_URL}, then exits. It starts only the two connections, never the application (no
 * HTTP, no processors), so nothing writes while it copies. docs/EVENT-STORE.md, "Moving to PostgreSQL".
 */
public final class EventStoreMigrationCommand {

    static final String ARGUMENT = "--bazaar.migrate-event-store=mongo-to-postgres";

    private EventStoreMigrationCommand() {}

    public static boolean requested(String[] args) {
        return Arrays.asList(args).contains(ARGUMENT);
    }

    /** Runs the copy with the application's configuration ({@code args}, environment, application.yml). */
    public static void run(String[] args) {
        ConfigurableApplicationContext context = new SpringApplicationBuilder(MigrationContext.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .run(args);
        context.close();
    }

    /**
     * Deliberately not a {@code @Configuration}: the application's component scan must never pick it up (it would
     * run the copy at every start). Registered only as the source of the command's own context.
     */
    @EnableConfigurationProperties({BazaarProperties.class, PostgresProperties.class})
    @ImportAutoConfiguration({MongoAutoConfiguration.class, JacksonAutoConfiguration.class})
    @Import(MongoConnectionConfiguration.class)
    static class MigrationContext {

        @Bean
        ApplicationRunner copyEventStore(
                MongoClient mongo, BazaarProperties bazaar, PostgresProperties postgres, ObjectMapper objectMapper) {
            return arguments -> {
                AxonPostgresStorageConfiguration postgresStorage = new AxonPostgresStorageConfiguration();
                try (var dataSource = postgresStorage.eventStoreDataSource(postgres)) {
                    postgresStorage.eventStoreSchema(dataSource);
                    // The serializer the application stores tokens with (axon.serializer.general: jackson).
                    JacksonSerializer serializer = JacksonSerializer.builder()
                            .objectMapper(objectMapper)
                            .build();
                    new MongoToPostgresMigration(
                                    mongo.getDatabase(bazaar.database()), dataSource, serializer, Clock.systemUTC())
                            .copy();
                }
            };
        }
    }
}
