package com.bazaar.payments;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.ConfirmRefund;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.PaymentIntent;
import com.stripe.model.RefundCollection;
import com.stripe.model.StripeError;
import com.stripe.model.StripeObject;
import com.stripe.net.Webhook;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.AxonNonTransientException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Component;

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

    /** A Stripe event that took effect here ({@code _id} = Stripe's event id). */
    @Document(PROCESSED)
    record AppliedEvent(@Id String id, String type, Instant appliedAt) {}

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    /**
     * On one node the order's repository lock serialises concurrent commands; across nodes the loser of a race sees
     * a ConcurrencyException, and sending again lets the order see the winner's transition and change nothing. A
     * refusal of the order (a DomainException) or a missing order is an answer and never retried.
     */
    private static final int CONCURRENCY_RETRIES = 2;

    private static final int CONCURRENCY_RETRY_INTERVAL_MILLIS = 50;

    private final PaymentsProperties properties;
    private final PaymentRecords records;
    private final StripeGateway stripe;
    private final CommandGateway commands;
    private final MongoTemplate mongo;
    private final PaymentMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService retries;

    StripeWebhooks(
            PaymentsProperties properties,
            PaymentRecords records,
            StripeGateway stripe,
            CommandBus commandBus,
            MongoTemplate mongo,
            PaymentMetrics metrics,
            Clock clock) {
        this.properties = properties;
        this.records = records;
        this.stripe = stripe;
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "stripe-webhook-retry");
            thread.setDaemon(true);
            return thread;
        });
        this.commands = DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(CONCURRENCY_RETRY_INTERVAL_MILLIS)
                        .maxRetryCount(CONCURRENCY_RETRIES)
                        // Checked on the failure and each of its causes: an answer of the order is final.
                        .nonTransientFailurePredicate(failure ->
                                failure instanceof DomainException || failure instanceof AxonNonTransientException)
                        .build())
                .build();
        this.mongo = mongo;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Verifies and applies one delivery; a refused delivery throws and changes nothing. Blocking. */
    void receive(String payload, String signatureHeader) {
        Event event = verified(payload, signatureHeader);
        if (mongo.exists(query(where("_id").is(event.getId())), AppliedEvent.class)) {
            log.info(
                    "Stripe event {} ({}) was already applied; ignoring the duplicate", event.getId(), event.getType());
            return;
        }
        switch (event.getType()) {
            case "payment_intent.succeeded" -> paymentSucceeded(dataObject(event, PaymentIntent.class));
            case "payment_intent.payment_failed" -> paymentFailed(dataObject(event, PaymentIntent.class));
            case "payment_intent.canceled" ->
                orderOf(dataObject(event, PaymentIntent.class)).ifPresent(order -> records.status(order, "canceled"));
            case "charge.refunded" -> chargeRefunded(dataObject(event, Charge.class));
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
            return Webhook.constructEvent(
                    payload,
                    signatureHeader,
                    properties.webhookSecret(),
                    properties.webhookTolerance().toSeconds(),
                    clock);
        } catch (SignatureVerificationException refused) {
            boolean stale = refused.getMessage() != null && refused.getMessage().contains("tolerance");
            throw rejected(
                    stale ? "stale" : "signature",
                    stale
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

    /**
     * The event's object as stripe-java's typed model. {@code deserializeUnsafe}: the endpoint's API version may
     * differ from the one this stripe-java release pins, and the fields read here exist in every recent version.
     */
    private <T extends StripeObject> T dataObject(Event event, Class<T> type) {
        try {
            StripeObject object = event.getDataObjectDeserializer().deserializeUnsafe();
            if (!type.isInstance(object)) {
                throw rejected("malformed", "The event's object is not a " + type.getSimpleName() + ".");
            }
            return type.cast(object);
        } catch (EventDataObjectDeserializationException malformed) {
            throw rejected("malformed", "The event's object cannot be read.");
        }
    }

    private void paymentSucceeded(PaymentIntent intent) {
        Optional<String> order = orderOf(intent);
        if (order.isEmpty()) {
            return;
        }
        String orderId = order.get();
        try {
            send(new ConfirmPayment(orderId, intent.getId()));
            records.status(orderId, "succeeded");
        } catch (DomainException notPayable) {
            if (notPayable.code() != ErrorCode.ORDER_TRANSITION_NOT_ALLOWED) {
                throw notPayable;
            }
            // The order was cancelled (expired or by the buyer) before the money arrived: never keep it.
            String refundId = stripe.refund(orderId, intent.getId());
            records.refundCreated(orderId, refundId);
            log.warn(
                    "Payment {} arrived for order {} that is no longer payable; refunded it ({})",
                    intent.getId(),
                    orderId,
                    refundId);
        }
    }

    private void paymentFailed(PaymentIntent intent) {
        orderOf(intent).ifPresent(orderId -> {
            String code = Optional.ofNullable(intent.getLastPaymentError())
                    .map(StripeError::getCode)
                    .orElse("unknown");
            metrics.paymentFailed(code);
            send(new RecordPaymentFailure(orderId, intent.getId(), code));
        });
    }

    private void chargeRefunded(Charge charge) {
        String paymentIntentId = charge.getPaymentIntent();
        Optional<String> order = metadataOrderId(charge.getMetadata())
                .or(() -> Optional.ofNullable(paymentIntentId).flatMap(records::orderOfIntent));
        if (order.isEmpty()) {
            log.warn(
                    "charge.refunded for charge {} of no order we know (PaymentIntent {})",
                    charge.getId(),
                    paymentIntentId);
            return;
        }
        if (!Boolean.TRUE.equals(charge.getRefunded())) {
            log.info("Partial refund of charge {} (order {}); the order stays as it is", charge.getId(), order.get());
            return;
        }
        String refundReference = Optional.ofNullable(charge.getRefunds())
                .map(RefundCollection::getData)
                .filter(refunds -> !refunds.isEmpty())
                .map(refunds -> refunds.get(0).getId())
                .orElse(charge.getId());
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
    private Optional<String> orderOf(PaymentIntent intent) {
        Optional<String> order = metadataOrderId(intent.getMetadata()).or(() -> records.orderOfIntent(intent.getId()));
        if (order.isEmpty()) {
            log.warn("Stripe PaymentIntent {} belongs to no order we know; ignoring", intent.getId());
        }
        return order;
    }

    private static Optional<String> metadataOrderId(Map<String, String> metadata) {
        return Optional.ofNullable(metadata).map(values -> values.get("orderId"));
    }

    /** An order that does not exist is logged and skipped: Stripe would only deliver it again and again. */
    private void send(Object command) {
        try {
            commands.sendAndWait(command);
        } catch (AggregateNotFoundException unknown) {
            log.warn("Stripe reported on an order that does not exist: {}", command);
        }
    }

    @PreDestroy
    void stopRetries() {
        retries.shutdownNow();
    }

    /** A concurrent duplicate may have recorded the event first; either record says the same. */
    private void remember(Event event) {
        try {
            mongo.insert(new AppliedEvent(event.getId(), event.getType(), clock.instant()));
        } catch (DuplicateKeyException recordedByTheOther) {
            log.debug("Stripe event {} was recorded by a concurrent delivery", event.getId());
        }
    }
}
