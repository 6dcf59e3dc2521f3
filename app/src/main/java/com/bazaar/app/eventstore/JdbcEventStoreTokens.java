package com.bazaar.app.eventstore;

import com.bazaar.platform.consistency.EventStoreTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/**
 * Read-your-writes on the PostgreSQL event store. An event's global index is drawn by the database at insert and not
 * known from the event, so the write names the store's head after it (which covers it); segment tokens are read from
 * {@code tokenentry} on a connection of their own, outside any unit of work and without claiming.
 */
class JdbcEventStoreTokens implements EventStoreTokens {

    private final DataSource eventStoreDataSource;
    private final Serializer serializer;

    JdbcEventStoreTokens(DataSource eventStoreDataSource, Serializer serializer) {
        this.eventStoreDataSource = eventStoreDataSource;
        this.serializer = serializer;
    }

    @Override
    public Optional<TrackingToken> tokenOf(EventMessage<?> event) {
        return Optional.empty();
    }

    @Override
    public Map<Integer, TrackingToken> segmentTokens(String processorName) {
        Map<Integer, TrackingToken> segments = new TreeMap<>();
        try (Connection connection = eventStoreDataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT segment, token, tokentype FROM tokenentry WHERE processorname = ?")) {
            select.setString(1, processorName);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byte[] data = rows.getBytes("token");
                    segments.put(
                            rows.getInt("segment"),
                            data == null
                                    ? null
                                    : serializer.deserialize(new SimpleSerializedObject<>(
                                            data, byte[].class, rows.getString("tokentype"), null)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read the tokens of " + processorName, e);
        }
        return segments;
    }
}
