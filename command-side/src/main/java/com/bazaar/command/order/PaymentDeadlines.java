package com.bazaar.command.order;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

/**
 * The unpaid orders and their payment deadlines, kept in Mongo (fed by order events) so that deadlines survive
 * restarts and every node sees them; {@link PaymentDeadlineJob} cancels the ones that are due.
 */
@Component
@ProcessingGroup(PaymentDeadlines.PROCESSING_GROUP)
class PaymentDeadlines {

    static final String PROCESSING_GROUP = "payment-deadlines";
    static final String COLLECTION = "command_payment_deadlines";

    /** An unpaid order and when it must be paid by. */
    @Document(COLLECTION)
    record PaymentDeadline(@Id String orderId, Instant payBy) {}

    private final MongoTemplate mongo;

    PaymentDeadlines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrderPlaced event) {
        // save = replace by id with upsert: a redelivered OrderPlaced leaves one deadline.
        mongo.save(new PaymentDeadline(event.orderId(), event.payBy()));
    }

    @EventHandler
    void on(OrderPaid event) {
        forget(event.orderId());
    }

    @EventHandler
    void on(OrderCancelled event) {
        forget(event.orderId());
    }

    void forget(String orderId) {
        mongo.remove(query(where("_id").is(orderId)), PaymentDeadline.class);
    }

    /** The orders whose deadline has come by {@code now}. */
    List<String> dueBy(Instant now) {
        return mongo.find(query(where("payBy").lte(now)), PaymentDeadline.class).stream()
                .map(PaymentDeadline::orderId)
                .toList();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(PaymentDeadline.class);
    }
}
