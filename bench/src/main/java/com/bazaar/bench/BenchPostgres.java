package com.bazaar.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL server of the store benchmark: the one named by {@code BAZAAR_BENCH_POSTGRES_URL} (a JDBC URL of a
 * database the user may create databases from; {@code BAZAAR_BENCH_POSTGRES_USER}/{@code _PASSWORD}, default
 * postgres and empty), or else a real embedded PostgreSQL 15 (zonky's binaries, as the tests' TestPostgres) that
 * lives as long as this object. Each application the benchmark starts gets a fresh database.
 */
final class BenchPostgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String adminUrl;
    private final String user;
    private final String password;

    private BenchPostgres(EmbeddedPostgres embedded, String adminUrl, String user, String password) {
        this.embedded = embedded;
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
    }

    static BenchPostgres start() throws IOException {
        String external = System.getenv("BAZAAR_BENCH_POSTGRES_URL");
        if (external != null && !external.isBlank()) {
            return new BenchPostgres(
                    null,
                    external,
                    System.getenv().getOrDefault("BAZAAR_BENCH_POSTGRES_USER", "postgres"),
                    System.getenv().getOrDefault("BAZAAR_BENCH_POSTGRES_PASSWORD", ""));
        }
        // zonky starts PostgreSQL with fsync and synchronous_commit off (fine for tests); a benchmark of a store whose
        // 2xx means "on disk" must pay for the flush like a production server (and like the embedded MongoDB does).
        EmbeddedPostgres embedded = EmbeddedPostgres.builder()
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new BenchPostgres(embedded, embedded.getJdbcUrl("postgres", "postgres"), "postgres", "");
    }

    String description() {
        return embedded != null ? "embedded PostgreSQL (zonky binaries, own process)" : "PostgreSQL at " + adminUrl;
    }

    /** The application arguments that put the event store of a new application into a fresh database. */
    List<String> freshDatabaseArguments() throws SQLException {
        String name = "bazaar_bench_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection admin = DriverManager.getConnection(adminUrl, user, password);
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        String url = adminUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
        return List.of(
                "--bazaar.event-store=postgres",
                "--bazaar.postgres.url=" + url,
                "--bazaar.postgres.user=" + user,
                "--bazaar.postgres.password=" + password);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
