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
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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

    /** Stripe's PaymentIntent statuses before it ends, and ours before Stripe answered. */
    private static final Set<String> IN_PROGRESS = Set.of("creating", "requires_payment_method",
            "requires_confirmation", "requires_action", "processing", "requires_capture");
    /** Which statuses a status may follow; a status not named here (an unknown intent status) follows IN_PROGRESS. */
    private static final Map<String, Set<String>> PREDECESSORS = Map.of(
            "failed", Set.of("creating"),
            "succeeded", IN_PROGRESS,
            "canceled", union(IN_PROGRESS, Set.of("failed")),
            "refunded", union(IN_PROGRESS, Set.of("failed", "succeeded", "canceled")));

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

    /**
     * The intent's id and secret always (a retried creation answers the same intent); its status only if that moves
     * the record forward, since a webhook may already have reported a later one. The status goes first: a reader that
     * sees the secret (the buyer's "payment ready") then also sees the intent's status, never "creating".
     */
    void intentCreated(String orderId, StripeGateway.Intent intent) {
        status(orderId, intent.status());
        collection().updateOne(Filters.eq("_id", orderId), Updates.combine(
                Updates.set("paymentIntentId", intent.id()),
                Updates.set("clientSecret", intent.clientSecret())));
    }

    /**
     * Moves the record to {@code status} only from a status that may precede it ({@link #PREDECESSORS}), in one
     * conditional update: the saga's retries and late or reordered webhooks never take a record backwards (a succeeded
     * payment shown as waiting again). Answers whether the status changed.
     */
    boolean status(String orderId, String status) {
        Set<String> allowedFrom = PREDECESSORS.getOrDefault(status, IN_PROGRESS);
        return collection().updateOne(Filters.and(Filters.eq("_id", orderId), Filters.in("status", allowedFrom)),
                Updates.set("status", status)).getModifiedCount() > 0;
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

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return Set.copyOf(union);
    }

    private MongoCollection<Document> collection() {
        return mongo.getCollection(COLLECTION);
    }
}
