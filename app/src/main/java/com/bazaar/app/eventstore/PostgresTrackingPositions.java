package com.bazaar.app.eventstore;

import com.bazaar.operations.processors.TrackingPositions;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Tracking positions in the PostgreSQL event store: every event has a global index, and a gap-aware token's position
 * is the highest index it has seen, so lag is also told in events. Reads run on their own connections, outside any
 * unit of work, and never claim a token.
 */
final class PostgresTrackingPositions implements TrackingPositions {

    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    PostgresTrackingPositions(DataSource eventStoreDataSource, Serializer serializer) {
        this.jdbc = new JdbcTemplate(eventStoreDataSource);
        this.serializer = serializer;
    }

    @Override
    public Position head() {
        return jdbc
                .query(
                        "SELECT globalindex, timestamp FROM domainevententry ORDER BY globalindex DESC LIMIT 1",
                        (row, i) -> new Position(row.getLong(1), DateTimeUtils.parseInstant(row.getString(2))))
                .stream()
                .findFirst()
                .orElse(Position.UNKNOWN);
    }

    @Override
    public Position of(TrackingToken token) {
        if (token == null || token.position().isEmpty()) {
            return Position.UNKNOWN;
        }
        long index = token.position().getAsLong();
        List<String> timestamp =
                jdbc.queryForList("SELECT timestamp FROM domainevententry WHERE globalindex = ?", String.class, index);
        return new Position(index, timestamp.isEmpty() ? null : DateTimeUtils.parseInstant(timestamp.get(0)));
    }

    @Override
    public boolean numbersEvents() {
        return true;
    }

    @Override
    public List<StoredSegment> segments(String processorName) {
        return jdbc.query(
                "SELECT segment, owner, token, tokentype FROM tokenentry WHERE processorname = ?" + " ORDER BY segment",
                (row, i) -> new StoredSegment(
                        row.getInt(1),
                        row.getString(2),
                        StoredTokens.deserialize(serializer, row.getBytes(3), row.getString(4))),
                processorName);
    }
}
