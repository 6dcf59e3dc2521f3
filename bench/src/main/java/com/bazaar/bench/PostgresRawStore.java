package com.bazaar.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * {@link RawStore} on the application's PostgreSQL event store through its own connection pool and plain JDBC. The
 * scratch table has domainevententry's columns, keys and types but its own sequence, so raw inserts leave no gaps
 * in the events' global index for the gap-aware processors to wait on.
 */
final class PostgresRawStore implements RawStore {

    private static final int FETCH = 1_000;

    private final DataSource dataSource;

    PostgresRawStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void prepareScratch() {
        execute("""
                CREATE TABLE IF NOT EXISTS bench_scratch_events (
                    globalindex BIGSERIAL PRIMARY KEY,
                    aggregateidentifier VARCHAR(255) NOT NULL,
                    sequencenumber BIGINT NOT NULL,
                    type VARCHAR(255),
                    eventidentifier VARCHAR(255) NOT NULL UNIQUE,
                    metadata BYTEA,
                    payload BYTEA NOT NULL,
                    payloadrevision VARCHAR(255),
                    payloadtype VARCHAR(255) NOT NULL,
                    timestamp VARCHAR(255) NOT NULL,
                    UNIQUE (aggregateidentifier, sequencenumber))""");
    }

    @Override
    public void insert(String aggregateId, long sequence, String eventId, String payloadType, byte[] payload) {
        // One auto-committed insert: one transaction per command, as an append.
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert =
                        connection.prepareStatement("INSERT INTO bench_scratch_events (aggregateidentifier, "
                                + "sequencenumber, type, eventidentifier, metadata, payload, payloadrevision, payloadtype, "
                                + "timestamp) VALUES (?, ?, 'Listing', ?, ?, ?, '2', ?, ?)")) {
            insert.setString(1, aggregateId);
            insert.setLong(2, sequence);
            insert.setString(3, eventId);
            insert.setBytes(4, "{}".getBytes());
            insert.setBytes(5, payload);
            insert.setString(6, payloadType);
            insert.setString(7, Instant.now().toString());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long readAllEvents() {
        return query("SELECT globalindex, payload, metadata FROM domainevententry ORDER BY globalindex", null);
    }

    @Override
    public long readAggregate(String aggregateId) {
        return query(
                "SELECT sequencenumber, payload, metadata FROM domainevententry WHERE aggregateidentifier = ? "
                        + "ORDER BY sequencenumber",
                aggregateId);
    }

    @Override
    public void deleteSnapshots(String aggregateId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete =
                        connection.prepareStatement("DELETE FROM snapshotevententry WHERE aggregateidentifier = ?")) {
            delete.setString(1, aggregateId);
            delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long countEvents() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM domainevententry")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long query(String sql, String parameter) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // A server-side cursor (the driver streams only outside auto-commit), fetching like Axon's batches.
            connection.setAutoCommit(false);
            long count = 0;
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(FETCH);
                if (parameter != null) {
                    statement.setString(1, parameter);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        // Read the payload, as a reader of events must.
                        rows.getBytes(2);
                        count++;
                    }
                }
            } finally {
                connection.commit();
                connection.setAutoCommit(autoCommit);
            }
            return count;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
