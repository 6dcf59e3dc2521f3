package com.bazaar.payments;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.ConfirmRefund;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Date;
import java.util.Optional;

/**
 * What a Stripe webhook delivery does. Signature first (nothing is read from an unverified body); then each Stripe
 * event id takes effect at most once: its record in {@code stripe_events} ({@code _id} = event id) is written only
 * after the effect succeeded, so a delivery that failed half-way is retried by Stripe, and a concurrent duplicate
 * may dispatch the same command twice, which the order turns into one transition (docs/PAYMENTS.md, "Webhooks").
 * Deliveries in any order end in the right state because every command sent here is idempotent and
 * order-independent in the Order aggregate.
 */
@Component
class StripeWebhooks {

    static final String PROCESSED = "stripe_events";
    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    private static final int CONCURRENCY_ATTEMPTS = 3;

    private final PaymentsProperties properties;
    private final PaymentRecords records;
    private final StripeGateway stripe;
    private final CommandGateway commands;
    private final MongoTemplate mongo;
    private final PaymentMetrics metrics;
    private final ObjectMapper json;
    private final Clock clock;

    StripeWebhooks(PaymentsProperties properties, PaymentRecords records, StripeGateway stripe,
                   CommandGateway commands, MongoTemplate mongo, PaymentMetrics metrics, ObjectMapper json,
                   Clock clock) {
        this.properties = properties;
        this.records = records;
        this.stripe = stripe;
        this.commands = commands;
        this.mongo = mongo;
        this.metrics = metrics;
        this.json = json;
        this.clock = clock;
    }

    /** Verifies and applies one delivery; a refused delivery throws and changes nothing. Blocking. */
    void receive(String payload, String signatureHeader) {
        Event event = verified(payload, signatureHeader);
        if (mongo.getCollection(PROCESSED).find(new Document("_id", event.getId())).first() != null) {
            log.info("Stripe event {} ({}) was already applied; ignoring the duplicate", event.getId(),
                    event.getType());
            return;
        }
        JsonNode object = read(payload).path("data").path("object");
        switch (event.getType()) {
            case "payment_intent.succeeded" -> paymentSucceeded(object);
            case "payment_intent.payment_failed" -> paymentFailed(object);
            case "payment_intent.canceled" -> orderOf(object).ifPresent(order -> records.status(order, "canceled"));
            case "charge.refunded" -> chargeRefunded(object);
            default -> log.info("Ignoring Stripe event {} of type {}", event.getId(), event.getType());
        }
        remember(event);
    }

    private Event verified(String payload, String signatureHeader) {
        if (properties.webhookSecret().isBlank()) {
            throw rejected("not-configured", "Webhooks are not configured on this server.");
        }
        if (signatureHeader == null || signatureHeader.isBlank()) {
            throw rejected("missing-signature", "The Stripe-Signature header is missing.");
        }
        try {
            return Webhook.constructEvent(payload, signatureHeader, properties.webhookSecret(),
                    properties.webhookTolerance().toSeconds(), clock);
        } catch (SignatureVerificationException refused) {
            boolean stale = refused.getMessage() != null && refused.getMessage().contains("tolerance");
            throw rejected(stale ? "stale" : "signature", stale
                    ? "The signature's timestamp is outside the tolerance."
                    : "The Stripe-Signature does not match the payload.");
        } catch (RuntimeException malformed) {
            // A correctly signed body that is not an event (stripe-java's JSON parser fails after the signature).
            throw rejected("malformed", "The payload is not a Stripe event.");
        }
    }

    private DomainException rejected(String reason, String detail) {
        metrics.webhookRejected(reason);
        log.warn("Refused a Stripe webhook delivery: {}", reason);
        return new DomainException(ErrorCode.INVALID_WEBHOOK_SIGNATURE, detail);
    }

    private void paymentSucceeded(JsonNode intent) {
        String paymentIntentId = intent.path("id").asText();
        Optional<String> order = orderOf(intent);
        if (order.isEmpty()) {
            return;
        }
        String orderId = order.get();
        try {
            send(new ConfirmPayment(orderId, paymentIntentId));
            records.status(orderId, "succeeded");
        } catch (DomainException notPayable) {
            if (notPayable.code() != ErrorCode.ORDER_TRANSITION_NOT_ALLOWED) {
                throw notPayable;
            }
            // The order was cancelled (expired or by the buyer) before the money arrived: never keep it.
            String refundId = stripe.refund(orderId, paymentIntentId);
            records.refundCreated(orderId, refundId);
            log.warn("Payment {} arrived for order {} that is no longer payable; refunded it ({})", paymentIntentId,
                    orderId, refundId);
        }
    }

    private void paymentFailed(JsonNode intent) {
        orderOf(intent).ifPresent(orderId -> {
            JsonNode error = intent.path("last_payment_error");
            String code = error.hasNonNull("code") ? error.get("code").asText() : "unknown";
            metrics.paymentFailed(code);
            send(new RecordPaymentFailure(orderId, intent.path("id").asText(), code));
        });
    }

    private void chargeRefunded(JsonNode charge) {
        String paymentIntentId = charge.path("payment_intent").asText(null);
        Optional<String> order = Optional.ofNullable(charge.path("metadata").path("orderId").asText(null))
                .or(() -> Optional.ofNullable(paymentIntentId).flatMap(records::orderOfIntent));
        if (order.isEmpty()) {
            log.warn("charge.refunded for charge {} of no order we know (PaymentIntent {})",
                    charge.path("id").asText(), paymentIntentId);
            return;
        }
        if (!charge.path("refunded").asBoolean(false)) {
            log.info("Partial refund of charge {} (order {}); the order stays as it is", charge.path("id").asText(),
                    order.get());
            return;
        }
        JsonNode refunds = charge.path("refunds").path("data");
        String refundReference = refunds.isArray() && !refunds.isEmpty()
                ? refunds.get(0).path("id").asText() : charge.path("id").asText();
        try {
            send(new ConfirmRefund(order.get(), refundReference));
        } catch (DomainException notRefundable) {
            if (notRefundable.code() != ErrorCode.ORDER_TRANSITION_NOT_ALLOWED) {
                throw notRefundable;
            }
            // The refund of money that arrived for a cancelled order: the order never was paid, nothing to change.
            log.info("Refund {} of order {} confirmed; the order was never paid", refundReference, order.get());
        }
        records.status(order.get(), "refunded");
    }

    /** The order of a PaymentIntent: its {@code metadata.orderId}, else the intent we recorded for an order. */
    private Optional<String> orderOf(JsonNode intent) {
        String paymentIntentId = intent.path("id").asText();
        Optional<String> order = Optional.ofNullable(intent.path("metadata").path("orderId").asText(null))
                .or(() -> records.orderOfIntent(paymentIntentId));
        if (order.isEmpty()) {
            log.warn("Stripe PaymentIntent {} belongs to no order we know; ignoring", paymentIntentId);
        }
        return order;
    }

    /**
     * On one node the order's repository lock serialises concurrent commands; across nodes the loser of a race sees
     * a ConcurrencyException, and sending again lets the order see the winner's transition and change nothing.
     */
    private void send(Object command) {
        for (int attempt = 1; ; attempt++) {
            try {
                commands.sendAndWait(command);
                return;
            } catch (ConcurrencyException raced) {
                if (attempt == CONCURRENCY_ATTEMPTS) {
                    throw raced;
                }
            } catch (AggregateNotFoundException unknown) {
                log.warn("Stripe reported on an order that does not exist: {}", command);
                return;
            }
        }
    }

    private void remember(Event event) {
        try {
            mongo.getCollection(PROCESSED).insertOne(new Document("_id", event.getId())
                    .append("type", event.getType()).append("appliedAt", new Date()));
        } catch (MongoWriteException duplicate) {
            if (duplicate.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw duplicate;
            }
        }
    }

    private JsonNode read(String payload) {
        try {
            return json.readTree(payload);
        } catch (JsonProcessingException malformed) {
            throw rejected("malformed", "The payload is not JSON.");
        }
    }
}
