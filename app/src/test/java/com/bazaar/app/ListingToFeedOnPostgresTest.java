package com.bazaar.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The listing-to-feed slice, its restart on the same data and the feed replay with the event store in PostgreSQL and
 * the read models in MongoDB: the replay reads the events table by global index, the feed is rebuilt in MongoDB.
 */
class ListingToFeedOnPostgresTest extends ListingToFeedTest {

    @Override
    RunningBazaar startBazaar(Path dataDir) {
        return RunningBazaar.startOnPostgres(dataDir);
    }

    @Override
    Map<String, Object> storedMetaDataOfOnlyEvent(RunningBazaar bazaar, String aggregateId) {
        List<byte[]> stored = new JdbcTemplate(bazaar.bean(DataSource.class))
                .queryForList(
                        "SELECT metadata FROM domainevententry WHERE aggregateidentifier = ?",
                        byte[].class,
                        aggregateId);
        assertThat(stored).hasSize(1);
        try {
            return new ObjectMapper()
                    .readValue(
                            new String(stored.get(0), StandardCharsets.UTF_8),
                            new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
