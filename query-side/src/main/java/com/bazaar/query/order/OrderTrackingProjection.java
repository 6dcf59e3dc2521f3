package com.bazaar.query.order;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPaymentFailed;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefunded;
import com.bazaar.contracts.order.OrderShipped;
import com.bazaar.contracts.order.OrderStatus;
import com.bazaar.contracts.order.OrderView;
import com.bazaar.platform.readmodel.OrderedBulkWrites;
import com.bazaar.platform.readmodel.ReadModelIndexes;
import com.bazaar.platform.readmodel.SequenceGuard;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Order tracking for buyers, sellers and staff. Each event is applied once: the update only matches while the
 * document's {@code lastSequence} is older than the event, so a redelivered event neither changes the status twice
 * nor adds a second timeline entry. Write-only, so a batch's writes go out together at its end
 * ({@link OrderedBulkWrites}).
 */
@Component
@ProcessingGroup(OrderTrackingProjection.PROCESSING_GROUP)
class OrderTrackingProjection implements ReadModelIndexes {

    static final String PROCESSING_GROUP = "order-tracking";

    private final MongoTemplate mongo;

    OrderTrackingProjection(MongoTemplate mongo) {
        this.mongo = mongo;
        ensure();
    }

    @Override
    public String processor() {
        return PROCESSING_GROUP;
    }

    /** "My orders" and "my sales", newest first; see docs/ORDERS.md. */
    @Override
    public void ensure() {
        mongo.indexOps(TrackedOrder.class)
                .ensureIndex(new Index()
                        .on("buyerId", Sort.Direction.ASC)
                        .on("placedAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC)
                        .named("buyer_newest"));
        mongo.indexOps(TrackedOrder.class)
                .ensureIndex(new Index()
                        .on("sellerId", Sort.Direction.ASC)
                        .on("placedAt", Sort.Direction.DESC)
                        .on("_id", Sort.Direction.DESC)
                        .named("seller_newest"));
    }

    @EventHandler
    void on(OrderPlaced event, @SequenceNumber long sequence, @Timestamp Instant at) {
        Instant placedAt = millis(at);
        // insert-if-absent: a redelivered placement finds the document and leaves later changes alone.
        OrderedBulkWrites.upsert(
                mongo,
                TrackedOrder.class,
                Query.query(where("_id").is(event.orderId())),
                new Update()
                        .setOnInsert("status", OrderStatus.PENDING_PAYMENT)
                        .setOnInsert("buyerId", event.buyerId())
                        .setOnInsert("sellerId", event.sellerId())
                        .setOnInsert("lines", event.lines())
                        .setOnInsert("shippingAddress", event.shippingAddress())
                        .setOnInsert("itemsTotal", event.totals().items())
                        .setOnInsert("shippingTotal", event.totals().shipping())
                        .setOnInsert("total", event.totals().total())
                        .setOnInsert("placedAt", placedAt)
                        .setOnInsert("payBy", millis(event.payBy()))
                        .setOnInsert(
                                "timeline",
                                List.of(new OrderView.StatusChange(OrderStatus.PENDING_PAYMENT, placedAt, null)))
                        .setOnInsert(SequenceGuard.LAST_SEQUENCE, sequence));
    }

    @EventHandler
    void on(OrderPaymentFailed event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(event.orderId(), sequence, OrderStatus.PAYMENT_FAILED, at, event.reason(), new Update());
    }

    @EventHandler
    void on(OrderPaid event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(
                event.orderId(),
                sequence,
                OrderStatus.PAID,
                at,
                null,
                new Update().set("paidAt", millis(at)).set("paymentReference", event.paymentReference()));
    }

    @EventHandler
    void on(OrderCancelled event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(
                event.orderId(),
                sequence,
                OrderStatus.CANCELLED,
                at,
                event.reason().name().toLowerCase(),
                new Update());
    }

    @EventHandler
    void on(OrderShipped event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(
                event.orderId(),
                sequence,
                OrderStatus.SHIPPED,
                at,
                event.carrier() + " " + event.trackingNumber(),
                new Update().set("shipment", new OrderView.Shipment(event.carrier(), event.trackingNumber())));
    }

    @EventHandler
    void on(OrderDelivered event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(
                event.orderId(),
                sequence,
                OrderStatus.DELIVERED,
                at,
                "confirmed by the " + event.confirmedBy().name().toLowerCase(Locale.ROOT),
                new Update());
    }

    @EventHandler
    void on(OrderRefunded event, @SequenceNumber long sequence, @Timestamp Instant at) {
        transition(event.orderId(), sequence, OrderStatus.REFUNDED, at, null, new Update());
    }

    private void transition(String orderId, long sequence, OrderStatus status, Instant at, String note, Update update) {
        OrderedBulkWrites.applyIfNewer(
                mongo,
                TrackedOrder.class,
                orderId,
                sequence,
                update.set("status", status).push("timeline", new OrderView.StatusChange(status, millis(at), note)));
    }

    /** Mongo keeps milliseconds; truncating here keeps cursors and stored values identical. */
    private static Instant millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), TrackedOrder.class);
    }
}
