package com.bazaar.app.eventstore;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Listens on the PostgreSQL channel that every event append notifies (migration V3) and makes this node's event store
 * read at once, so an event appended by another node reaches this node's processors in milliseconds, and the store's
 * own poll becomes a fallback that can run rarely (docs/EVENT-STORE.md, "Event arrival").
 *
 * <p>Why a connection of its own, outside the pool: LISTEN belongs to a session, which must stay open for as long as
 * the node listens; a pooled connection would be held forever and retired under the listener by the pool. While the
 * connection is lost (a database failover, a network cut) nothing is missed: the store's poll still finds every
 * event, only later, and the listener reconnects.
 */
final class PostgresArrivalNotifications implements StorageAppends, SmartLifecycle {

    static final String CHANNEL = "event_arrivals";

    private static final Logger log = LoggerFactory.getLogger(PostgresArrivalNotifications.class);
    /** How long one wait for notifications lasts; after a quiet one the connection is checked. */
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final Duration RECONNECT_AFTER = Duration.ofSeconds(5);

    private final PostgresProperties database;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread listener;

    PostgresArrivalNotifications(PostgresProperties database) {
        this.database = database;
    }

    /** Runs once per batch of notifications received together, on the listener's thread. */
    @Override
    public void onAppend(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public boolean announcesOwnAppendsAtOnce() {
        return false;
    }

    @Override
    public void start() {
        running = true;
        listener = new Thread(this::listen, "event-arrival-notifications");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public void stop() {
        running = false;
        closeQuietly(connection);
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection session = connect()) {
                connection = session;
                PGConnection notifications = session.unwrap(PGConnection.class);
                try (Statement statement = session.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Events appended while this node was not listening are found by the store's next read.
                announce();
                while (running) {
                    PGNotification[] received = notifications.getNotifications((int) WAIT.toMillis());
                    if (received != null && received.length > 0) {
                        announce();
                    } else if (!session.isValid((int) RECONNECT_AFTER.toSeconds())) {
                        throw new SQLException("the listening connection is no longer valid");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn(
                        "Listening for event arrivals failed; events from other nodes arrive at the store's next poll "
                                + "until the listener reconnects in {}",
                        RECONNECT_AFTER,
                        e);
                try {
                    Thread.sleep(RECONNECT_AFTER.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    private void announce() {
        listeners.forEach(Runnable::run);
    }

    private Connection connect() throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", database.user());
        login.setProperty("password", database.password());
        login.setProperty("tcpKeepAlive", "true");
        login.setProperty("ApplicationName", "bazaar event arrivals");
        return DriverManager.getConnection(database.url(), login);
    }

    private static void closeQuietly(Connection session) {
        if (session != null) {
            try {
                session.close();
            } catch (SQLException ignored) {
                // Closing only to unblock the listener's wait; the session ends either way.
            }
        }
    }
}
