package com.bazaar.payments;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.order.FindOrder;
import com.bazaar.contracts.order.OrderView;
import com.bazaar.platform.consistency.ReadModel;
import com.bazaar.platform.messaging.AxonGateways;
import com.bazaar.platform.messaging.RequestMetadata;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The two HTTP doors of payments: the buyer's app reads what the PaymentSheet (and Apple Pay) needs, and Stripe
 * delivers its webhooks.
 */
@RestController
class PaymentController {

    /** What the PaymentSheet needs; {@code status} is Stripe's PaymentIntent status as we last heard it. */
    record PaymentDetails(
            String paymentIntentId,
            String clientSecret,
            String publishableKey,
            long amount,
            String currency,
            String status) {}

    private final PaymentRecords records;
    private final StripeWebhooks webhooks;
    private final PaymentsProperties properties;
    private final AxonGateways gateways;

    PaymentController(
            PaymentRecords records, StripeWebhooks webhooks, PaymentsProperties properties, AxonGateways gateways) {
        this.records = records;
        this.webhooks = webhooks;
        this.properties = properties;
        this.gateways = gateways;
    }

    /**
     * Only the buyer sees it (everyone else: 404, as for the order). Until the intent exists (the saga runs a moment
     * after checkout; never when Stripe is not configured) the buyer gets 409 {@code payment-not-ready}. With the
     * checkout's {@code Bazaar-Consistency} token the read first waits for the saga (which records the intent) and the
     * order tracking view (read when there is no record yet; named by its processing group, which lives in the query
     * side), so the app's first read after checkout finds the intent instead of a 404 or 409.
     */
    @GetMapping("/api/v1/orders/{orderId}/payment")
    @ReadModel({PaymentSaga.PROCESSING_GROUP, "order-tracking"})
    Mono<PaymentDetails> payment(@PathVariable String orderId) {
        return RequestMetadata.current()
                .flatMap(caller -> Mono.fromCallable(() -> records.find(orderId))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMap(found -> found.map(payment -> answer(payment, orderId, caller.userId()))
                                .orElseGet(() -> beforeTheSaga(orderId, caller))));
    }

    private Mono<PaymentDetails> answer(PaymentRecords.Payment payment, String orderId, String callerId) {
        if (!payment.buyerId().equals(callerId)) {
            return Mono.error(notFound(orderId));
        }
        if (payment.paymentIntentId() == null) {
            return Mono.error(notReady(orderId));
        }
        return Mono.just(new PaymentDetails(
                payment.paymentIntentId(),
                payment.clientSecret(),
                properties.publishableKey(),
                payment.amount(),
                payment.currency(),
                payment.status()));
    }

    /** No record yet: the saga has not seen the order. Its buyer may see the order already; tell them to wait. */
    private Mono<PaymentDetails> beforeTheSaga(String orderId, RequestMetadata caller) {
        return gateways.<Optional<OrderView>, FindOrder>query(
                        new FindOrder(orderId, caller.userId(), false),
                        ResponseTypes.optionalInstanceOf(OrderView.class))
                .onErrorReturn(Optional.empty())
                .flatMap(order -> Mono.error(
                        order.filter(view -> view.buyerId().equals(caller.userId()))
                                        .isPresent()
                                ? notReady(orderId)
                                : notFound(orderId)));
    }

    /**
     * Public (Stripe has no token of ours); the signature over the raw bytes is the authentication. 200 with no body
     * for applied, duplicate and ignored events; 400 for refused deliveries; 500 makes Stripe deliver again.
     */
    @PostMapping(path = "/api/v1/webhooks/stripe", consumes = MediaType.ALL_VALUE)
    @ResponseStatus(HttpStatus.OK)
    Mono<Void> webhook(
            @RequestBody(required = false) byte[] body,
            @RequestHeader(name = "Stripe-Signature", required = false) String signature) {
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        return Mono.fromRunnable(() -> webhooks.receive(payload, signature))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }

    private static DomainException notFound(String orderId) {
        return new DomainException(ErrorCode.ORDER_NOT_FOUND, "Order " + orderId + " does not exist.");
    }

    private static DomainException notReady(String orderId) {
        return new DomainException(
                ErrorCode.PAYMENT_NOT_READY,
                "The payment of order " + orderId + " is being prepared; try again in a moment.");
    }
}
