package com.bazaar.command.order;

import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;

/**
 * The unpaid orders and their payment deadlines, kept in Mongo (fed by order events) so that deadlines survive
 * restarts and every node sees them; {@link PaymentDeadlineJob} cancels the ones that are due.
 */
@Component
@ProcessingGroup(PaymentDeadlines.PROCESSING_GROUP)
class PaymentDeadlines {

    static final String PROCESSING_GROUP = "payment-deadlines";
    static final String COLLECTION = "command_payment_deadlines";

    private final MongoTemplate mongo;

    PaymentDeadlines(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @EventHandler
    void on(OrderPlaced event) {
        mongo.getCollection(COLLECTION).replaceOne(new Document("_id", event.orderId()),
                new Document("_id", event.orderId()).append("payBy", Date.from(event.payBy())),
                new ReplaceOptions().upsert(true));
    }

    @EventHandler
    void on(OrderPaid event) {
        forget(event.orderId());
    }

    @EventHandler
    void on(OrderCancelled event) {
        forget(event.orderId());
    }

    private void forget(String orderId) {
        mongo.getCollection(COLLECTION).deleteOne(new Document("_id", orderId));
    }

    @ResetHandler
    void reset() {
        mongo.getCollection(COLLECTION).drop();
    }
}
