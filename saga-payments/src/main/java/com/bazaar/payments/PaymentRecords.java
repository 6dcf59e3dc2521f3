package com.bazaar.payments;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.common.Money;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The {@code payments} collection, one document per order, owned by this module. It holds what must not go into the
 * event store: the PaymentIntent's client secret, which lets whoever has it complete the payment. Documents can be
 * deleted or the secret erased; events cannot.
 */
@Component
class PaymentRecords {

    static final String COLLECTION = "payments";

    /**
     * One order's payment, as {@code GET /orders/{id}/payment} answers from it; {@code paymentIntentId} is null until
     * Stripe answered.
     */
    @Document(COLLECTION)
    record Payment(
            @Id String orderId,
            String buyerId,
            String paymentIntentId,
            String clientSecret,
            long amount,
            String currency,
            String status,
            String refundId,
            Instant createdAt) {}

    /** Stripe's PaymentIntent statuses before it ends, and ours before Stripe answered. */
    private static final Set<String> IN_PROGRESS = Set.of(
            "creating",
            "requires_payment_method",
            "requires_confirmation",
            "requires_action",
            "processing",
            "requires_capture");
    /** Which statuses a status may follow; a status not named here (an unknown intent status) follows IN_PROGRESS. */
    private static final Map<String, Set<String>> PREDECESSORS = Map.of(
            "failed", Set.of("creating"),
            "succeeded", IN_PROGRESS,
            "canceled", union(IN_PROGRESS, Set.of("failed")),
            "refunded", union(IN_PROGRESS, Set.of("failed", "succeeded", "canceled")));

    private final MongoTemplate mongo;
    private final Clock clock;

    PaymentRecords(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
        // The webhook finds a charge's order through its intent; a real MongoDB uses it, the embedded server scans.
        mongo.indexOps(Payment.class).ensureIndex(new Index().on("paymentIntentId", Sort.Direction.ASC));
    }

    /**
     * The order exists and who may pay it, before Stripe is asked (so its buyer gets "not ready", not "not found").
     * One upsert that only sets fields on insert: a redelivered OrderPlaced leaves a later status alone.
     */
    void expect(String orderId, String buyerId, Money total, String status) {
        mongo.upsert(
                byOrder(orderId),
                new Update()
                        .setOnInsert("buyerId", buyerId)
                        .setOnInsert("amount", total.amount())
                        .setOnInsert("currency", total.currency())
                        .setOnInsert("status", status)
                        .setOnInsert("createdAt", clock.instant()),
                Payment.class);
    }

    /**
     * The intent's id and secret always (a retried creation answers the same intent); its status only if that moves
     * the record forward, since a webhook may already have reported a later one. The status goes first: a reader that
     * sees the secret (the buyer's "payment ready") then also sees the intent's status, never "creating".
     */
    void intentCreated(String orderId, StripeGateway.Intent intent) {
        status(orderId, intent.status());
        mongo.updateFirst(
                byOrder(orderId),
                new Update().set("paymentIntentId", intent.id()).set("clientSecret", intent.clientSecret()),
                Payment.class);
    }

    /**
     * Moves the record to {@code status} only from a status that may precede it ({@link #PREDECESSORS}), in one
     * conditional update: the saga's retries and late or reordered webhooks never take a record backwards (a succeeded
     * payment shown as waiting again). Answers whether the status changed.
     */
    boolean status(String orderId, String status) {
        Set<String> allowedFrom = PREDECESSORS.getOrDefault(status, IN_PROGRESS);
        return mongo.updateFirst(
                                query(where("_id").is(orderId).and("status").in(allowedFrom)),
                                Update.update("status", status),
                                Payment.class)
                        .getModifiedCount()
                > 0;
    }

    void refundCreated(String orderId, String refundId) {
        mongo.updateFirst(byOrder(orderId), Update.update("refundId", refundId), Payment.class);
    }

    Optional<Payment> find(String orderId) {
        return Optional.ofNullable(mongo.findById(orderId, Payment.class));
    }

    Optional<String> orderOfIntent(String paymentIntentId) {
        return Optional.ofNullable(mongo.findOne(query(where("paymentIntentId").is(paymentIntentId)), Payment.class))
                .map(Payment::orderId);
    }

    private static Query byOrder(String orderId) {
        return query(where("_id").is(orderId));
    }

    private static Set<String> union(Set<String> first, Set<String> second) {
        Set<String> union = new HashSet<>(first);
        union.addAll(second);
        return Set.copyOf(union);
    }
}
