package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LateCommitGuardTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LateCommitGuard guard =
            new LateCommitGuard(Duration.ofSeconds(4), meters, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aCommitWellInsideTheWindowIsOnlyTimed() {
        guard.check(NOW.minusMillis(300), List.of("event-1"));

        assertThat(meters.get("bazaar.eventstore.commit.lag").timer().count()).isEqualTo(1);
        assertThat(meters.get("bazaar.eventstore.commit.lag").timer().totalTime(TimeUnit.MILLISECONDS))
                .isEqualTo(300);
        assertThat(meters.get("bazaar.eventstore.commit.lag.exceeded").counter().count())
                .isZero();
    }

    @Test
    void aCommitSlowerThanHalfTheWindowIsCountedAsAPossibleSkip() {
        guard.check(NOW.minusMillis(2_500), List.of("event-2"));

        assertThat(meters.get("bazaar.eventstore.commit.lag.exceeded").counter().count())
                .isEqualTo(1);
    }
}
