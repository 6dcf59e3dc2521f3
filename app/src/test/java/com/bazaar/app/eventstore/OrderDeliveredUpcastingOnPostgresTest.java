package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.order.OrderDelivered;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/** The same old delivery, stored as a row of the PostgreSQL event store, upcast on every read there too. */
class OrderDeliveredUpcastingOnPostgresTest extends OrderDeliveredUpcastingTest {

    @Override
    RunningBazaar startBazaar(Path dir) {
        return RunningBazaar.startOnPostgres(dir);
    }

    @Override
    void storeRevisionOneDelivery(RunningBazaar bazaar, String orderId, long sequence, String payload) {
        int inserted = new JdbcTemplate(bazaar.bean(DataSource.class))
                .update(
                        """
                INSERT INTO domainevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                                              payload, payloadrevision, payloadtype, timestamp)
                SELECT aggregateidentifier, ?, type, ?, metadata, ?, '1', ?, ?
                FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber DESC LIMIT 1""",
                        sequence,
                        UUID.randomUUID().toString(),
                        payload.getBytes(StandardCharsets.UTF_8),
                        OrderDelivered.class.getName(),
                        Instant.now().toString(),
                        orderId);
        assertThat(inserted).isEqualTo(1);
    }
}
