package com.bazaar.payments;

import com.bazaar.contracts.common.Money;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.Optional;

/**
 * The {@code payments} collection, one document per order, owned by this module. It holds what must not go into the
 * event store: the PaymentIntent's client secret, which lets whoever has it complete the payment. Documents can be
 * deleted or the secret erased; events cannot.
 */
@Component
class PaymentRecords {

    static final String COLLECTION = "payments";

    /** What {@code GET /orders/{id}/payment} answers from; {@code paymentIntentId} is null until Stripe answered. */
    record Payment(String orderId, String buyerId, String paymentIntentId, String clientSecret, long amount,
                   String currency, String status) {
    }

    private final MongoTemplate mongo;

    PaymentRecords(MongoTemplate mongo) {
        this.mongo = mongo;
        collection().createIndex(Indexes.ascending("paymentIntentId"));
    }

    /** The order exists and who may pay it, before Stripe is asked (so its buyer gets "not ready", not "not found"). */
    void expect(String orderId, String buyerId, Money total, String status) {
        collection().updateOne(Filters.eq("_id", orderId), Updates.combine(
                        Updates.setOnInsert("buyerId", buyerId),
                        Updates.setOnInsert("amount", total.amount()),
                        Updates.setOnInsert("currency", total.currency()),
                        Updates.setOnInsert("status", status),
                        Updates.setOnInsert("createdAt", new Date())),
                new UpdateOptions().upsert(true));
    }

    void intentCreated(String orderId, StripeGateway.Intent intent) {
        collection().updateOne(Filters.eq("_id", orderId), Updates.combine(
                Updates.set("paymentIntentId", intent.id()),
                Updates.set("clientSecret", intent.clientSecret()),
                Updates.set("status", intent.status())));
    }

    void status(String orderId, String status) {
        collection().updateOne(Filters.eq("_id", orderId), Updates.set("status", status));
    }

    void refundCreated(String orderId, String refundId) {
        collection().updateOne(Filters.eq("_id", orderId), Updates.set("refundId", refundId));
    }

    Optional<Payment> find(String orderId) {
        return first(Filters.eq("_id", orderId));
    }

    Optional<String> orderOfIntent(String paymentIntentId) {
        return first(Filters.eq("paymentIntentId", paymentIntentId)).map(Payment::orderId);
    }

    private Optional<Payment> first(Bson filter) {
        Document found = collection().find(filter).first();
        if (found == null) {
            return Optional.empty();
        }
        Number amount = found.get("amount", Number.class);
        return Optional.of(new Payment(found.getString("_id"), found.getString("buyerId"),
                found.getString("paymentIntentId"), found.getString("clientSecret"),
                amount == null ? 0 : amount.longValue(), found.getString("currency"), found.getString("status")));
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
