package com.bazaar.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.ExpireOrder;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderLine;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.ShippingAddress;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.threeten.extra.MutableClock;

/**
 * Payment deadlines as the order events leave them in Mongo (a real wire server in memory) and what the deadline job
 * sends for them as the clock moves: one expiry per unpaid order once its deadline has come, none for paid or
 * cancelled orders, and a failed expiry tried again on the next run.
 */
class PaymentDeadlinesTest {

    private static final Instant PLACED_AT = Instant.parse("2026-11-30T12:00:00Z");
    private static final Instant PAY_BY = PLACED_AT.plus(Duration.ofMinutes(15));

    private final MongoServer server = new MongoServer(new MemoryBackend());
    private MongoClient client;
    private final MutableClock clock = MutableClock.of(PLACED_AT, ZoneOffset.UTC);
    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private PaymentDeadlines deadlines;
    private PaymentDeadlineJob job;

    @BeforeEach
    void setUp() {
        client = MongoClients.create(server.bindAndGetConnectionString());
        MongoTemplate mongo = new MongoTemplate(client, "deadlines");
        deadlines = new PaymentDeadlines(mongo);
        job = new PaymentDeadlineJob(
                deadlines,
                DefaultCommandGateway.builder().commandBus(commandBus).build(),
                clock);
    }

    @AfterEach
    void tearDown() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void anUnpaidOrderExpiresOnceWhenItsDeadlineComesNotBefore() {
        deadlines.on(placed("order-1"));

        clock.setInstant(PAY_BY.minusMillis(1));
        job.expireDueOrders();
        assertThat(sent()).isEmpty();

        clock.setInstant(PAY_BY);
        job.expireDueOrders();
        job.expireDueOrders();
        clock.add(Duration.ofMinutes(5));
        job.expireDueOrders();
        assertThat(sent()).containsExactly(new ExpireOrder("order-1"));
    }

    @Test
    void paidAndCancelledOrdersNeverExpire() {
        deadlines.on(placed("order-paid"));
        deadlines.on(placed("order-cancelled"));
        deadlines.on(placed("order-unpaid"));
        deadlines.on(new OrderPaid("order-paid", "buyer-1", "seller-1", List.of("listing-1"), "pi_1", totals()));
        deadlines.on(new OrderCancelled("order-cancelled", CancellationReason.BUYER, List.of("listing-1")));

        clock.setInstant(PAY_BY.plusSeconds(1));
        job.expireDueOrders();

        assertThat(sent()).containsExactly(new ExpireOrder("order-unpaid"));
    }

    @Test
    void aRedeliveredOrderPlacedKeepsOneDeadline() {
        deadlines.on(placed("order-1"));
        deadlines.on(placed("order-1"));

        clock.setInstant(PAY_BY);
        job.expireDueOrders();

        assertThat(sent()).containsExactly(new ExpireOrder("order-1"));
    }

    @Test
    void anExpiryThatFailedIsSentAgainOnTheNextRun() {
        deadlines.on(placed("order-1"));
        commandBus.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("event store unavailable");
        });
        clock.setInstant(PAY_BY);
        job.expireDueOrders();

        commandBus.setCallbackBehavior((command, metaData) -> null);
        job.expireDueOrders();
        job.expireDueOrders();

        assertThat(sent()).containsExactly(new ExpireOrder("order-1"), new ExpireOrder("order-1"));
    }

    private static OrderPlaced placed(String orderId) {
        return new OrderPlaced(
                orderId,
                "buyer-1",
                "seller-1",
                List.of(new OrderLine("listing-1", "Lamp", new Money(2000, "EUR"), 1, new Money(0, "EUR"))),
                new ShippingAddress("Ada Buyer", "1 Main St", null, "Berlin", "10115", "DE"),
                totals(),
                PAY_BY);
    }

    private static OrderTotals totals() {
        return new OrderTotals(new Money(2000, "EUR"), new Money(0, "EUR"), new Money(2000, "EUR"));
    }

    private List<Object> sent() {
        return commandBus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
