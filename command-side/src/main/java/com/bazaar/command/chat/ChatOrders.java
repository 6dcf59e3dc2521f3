package com.bazaar.command.chat;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefunded;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The chat's own lookup of each order's buyer and seller and when it finished (delivered, cancelled or refunded), fed
 * by order events, so that the command side decides who may open a thread about an order and when it closes without
 * asking the query side (docs/ARCHITECTURE.md, decision 15).
 */
@Component
@ProcessingGroup(ChatOrders.PROCESSING_GROUP)
class ChatOrders {

    static final String PROCESSING_GROUP = "chat-orders";
    static final String COLLECTION = "command_chat_orders";

    record Parties(String buyerId, String sellerId, Instant finishedAt) {}

    private final MongoTemplate mongo;

    ChatOrders(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    Optional<Parties> find(String orderId) {
        return Optional.ofNullable(mongo.getCollection(COLLECTION)
                        .find(new Document("_id", orderId))
                        .first())
                .map(order -> new Parties(
                        order.getString("buyerId"),
                        order.getString("sellerId"),
                        Optional.ofNullable(order.getDate("finishedAt"))
                                .map(Date::toInstant)
                                .orElse(null)));
    }

    @EventHandler
    void on(OrderPlaced event) {
        mongo.upsert(
                Query.query(where("_id").is(event.orderId())),
                new Update().set("buyerId", event.buyerId()).set("sellerId", event.sellerId()),
                COLLECTION);
    }

    @EventHandler
    void on(OrderDelivered event, @Timestamp Instant at) {
        finished(event.orderId(), at);
    }

    @EventHandler
    void on(OrderCancelled event, @Timestamp Instant at) {
        finished(event.orderId(), at);
    }

    @EventHandler
    void on(OrderRefunded event, @Timestamp Instant at) {
        finished(event.orderId(), at);
    }

    /** The first end counts (a refund after delivery does not reopen the window). */
    private void finished(String orderId, Instant at) {
        mongo.updateFirst(
                Query.query(where("_id").is(orderId).and("finishedAt").exists(false)),
                new Update().set("finishedAt", Date.from(at)),
                COLLECTION);
    }

    @ResetHandler
    void reset() {
        mongo.getCollection(COLLECTION).drop();
    }
}
