package com.bazaar.payments;

import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPlaced;
import com.bazaar.contracts.order.OrderRefundRequested;
import com.bazaar.contracts.order.OrderRefunded;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.bazaar.contracts.order.RecordPaymentIntent;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnore;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * One order's money at Stripe: creates its PaymentIntent when it is placed, cancels the intent when the order is
 * cancelled (expired or by the buyer) and creates the refund when one is requested. Ends with the cancellation or the
 * confirmed refund. Payment and refund confirmations do not pass through here: they arrive as webhooks
 * ({@link StripeWebhooks}) and go straight to the order, which is what makes them order-independent.
 *
 * <p>Stripe is called from the saga processor's thread, outside any aggregate's unit of work. A call that Stripe
 * cannot answer now throws, and the processor retries the event (see {@link PaymentsModule}); the idempotency keys
 * make that retry safe. The saga is stored as JSON; its Spring resources are injected through setters (Axon's way
 * for sagas) and never serialized. Public, unlike other handlers, because Axon instantiates a new saga reflectively
 * from outside this package and refuses a package-private class or constructor.
 */
@Saga
@ProcessingGroup(PaymentSaga.PROCESSING_GROUP)
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE,
        setterVisibility = JsonAutoDetect.Visibility.NONE)
public class PaymentSaga {

    static final String PROCESSING_GROUP = "payments";
    private static final Logger log = LoggerFactory.getLogger(PaymentSaga.class);

    private String orderId;
    private String paymentIntentId;

    @JsonIgnore
    private transient StripeGateway stripe;

    @JsonIgnore
    private transient PaymentRecords records;

    @JsonIgnore
    private transient CommandGateway commands;

    @JsonIgnore
    private transient PaymentMetrics metrics;

    public PaymentSaga() {
        // Axon creates sagas with this constructor and then injects the resources through its setters.
    }

    @StartSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderPlaced event) {
        orderId = event.orderId();
        if (!stripe.configured()) {
            records.expect(orderId, event.buyerId(), event.totals().total(), "not_configured");
            log.warn(
                    "Payments are not configured (no Stripe secret key): order {} cannot be paid and will expire "
                            + "at {}",
                    orderId,
                    event.payBy());
            SagaLifecycle.end();
            return;
        }
        records.expect(orderId, event.buyerId(), event.totals().total(), "creating");
        StripeGateway.Intent intent;
        try {
            intent = stripe.createPaymentIntent(orderId, event.totals().total());
        } catch (StripeGateway.Refused refused) {
            metrics.paymentFailed(refused.code());
            log.error(
                    "Stripe refused the PaymentIntent of order {} ({}): {}",
                    orderId,
                    refused.code(),
                    refused.getMessage());
            records.status(orderId, "failed");
            commands.sendAndWait(new RecordPaymentFailure(orderId, null, refused.code()));
            return;
        }
        records.intentCreated(orderId, intent);
        commands.sendAndWait(new RecordPaymentIntent(orderId, intent.id()));
        paymentIntentId = intent.id();
    }

    /** Nobody may pay an order we will not fulfil; money that still arrives is refunded by the webhook. */
    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderCancelled event) {
        if (paymentIntentId == null) {
            return;
        }
        try {
            stripe.cancelPaymentIntent(orderId, paymentIntentId);
            records.status(orderId, "canceled");
        } catch (StripeGateway.Refused refused) {
            // Typically payment_intent_unexpected_state: it succeeded meanwhile (refunded on its webhook) or was
            // already cancelled.
            log.warn(
                    "Stripe did not cancel PaymentIntent {} of cancelled order {} ({}): {}",
                    paymentIntentId,
                    orderId,
                    refused.code(),
                    refused.getMessage());
        }
    }

    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRefundRequested event) {
        try {
            String paid = event.paymentReference() != null ? event.paymentReference() : paymentIntentId;
            String refundId = stripe.refund(orderId, paid);
            records.refundCreated(orderId, refundId);
            log.info("Refund {} of order {} requested by {} created at Stripe", refundId, orderId, event.requestedBy());
        } catch (StripeGateway.Refused refused) {
            metrics.paymentFailed(refused.code());
            log.error(
                    "Stripe refused the refund of order {} ({}); it needs a person: {}",
                    orderId,
                    refused.code(),
                    refused.getMessage());
        }
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "orderId")
    void on(OrderRefunded event) {
        records.status(orderId, "refunded");
    }

    /*
     * Axon injects a saga's resources after creating or loading it, through setters (the one place we allow setter
     * injection): one resource per setter, which both Spring's injector and the saga test fixture's understand.
     */

    @Autowired
    void setStripe(StripeGateway stripe) {
        this.stripe = stripe;
    }

    @Autowired
    void setRecords(PaymentRecords records) {
        this.records = records;
    }

    @Autowired
    void setCommands(CommandGateway commands) {
        this.commands = commands;
    }

    @Autowired
    void setMetrics(PaymentMetrics metrics) {
        this.metrics = metrics;
    }
}
