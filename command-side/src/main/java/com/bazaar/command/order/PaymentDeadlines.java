package com.bazaar.command.order;

import com.bazaar.contracts.order.ExpireOrder;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderPlaced;
import com.mongodb.client.model.ReplaceOptions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Cancels orders nobody paid in time. Unpaid orders and their deadlines are kept in Mongo (fed by order events), so
 * deadlines survive restarts and every node sees them; each node checks every few seconds and sends
 * {@link ExpireOrder}, which the order ignores unless it is really due and unpaid, so several nodes may all send it.
 */
@Component
@ProcessingGroup(PaymentDeadlines.PROCESSING_GROUP)
class PaymentDeadlines {

    static final String PROCESSING_GROUP = "payment-deadlines";
    static final String COLLECTION = "command_payment_deadlines";
    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlines.class);

    private final MongoTemplate mongo;
    private final CommandGateway commands;
    private final Clock clock;

    PaymentDeadlines(MongoTemplate mongo, CommandGateway commands, Clock clock) {
        this.mongo = mongo;
        this.commands = commands;
        this.clock = clock;
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

    @Scheduled(fixedDelayString = "${bazaar.checkout.deadline-check-interval:PT5S}")
    void expireDueOrders() {
        List<String> due = mongo.getCollection(COLLECTION)
                .find(new Document("payBy", new Document("$lte", Date.from(clock.instant()))))
                .map(document -> document.getString("_id"))
                .into(new ArrayList<>());
        for (String orderId : due) {
            try {
                commands.sendAndWait(new ExpireOrder(orderId));
            } catch (RuntimeException failed) {
                log.warn("Could not expire order {}; will retry: {}", orderId, failed.getMessage());
            }
        }
    }

    @ResetHandler
    void reset() {
        mongo.getCollection(COLLECTION).drop();
    }
}
