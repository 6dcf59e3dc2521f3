package com.bazaar.app.order;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;

/**
 * The checkout race with the event store in PostgreSQL: the optimistic lock is the unique (aggregate, sequence)
 * constraint of the events table, and the losers' appends must roll back as ConcurrencyExceptions, not 500s.
 */
class CheckoutRaceOnPostgresTest extends CheckoutRaceTest {

    @Override
    RunningBazaar startBazaar(Path dataDir) {
        return RunningBazaar.startOnPostgres(dataDir);
    }
}
