package com.bazaar.app.payments;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;

/**
 * The whole payment flow (duplicate, replayed, concurrent and out-of-order webhooks included) with the payment
 * saga, its tokens and the order events in PostgreSQL, where a saga's state and its processor's token commit in one
 * transaction.
 */
class PaymentFlowOnPostgresTest extends PaymentFlowTest {

    @Override
    RunningBazaar startBazaar(Path dataDir, String... arguments) {
        return RunningBazaar.startOnPostgres(dataDir, arguments);
    }
}
