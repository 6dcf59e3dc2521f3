package com.bazaar.app.payments;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A local stand-in for Stripe's API (there is no stripe-mock here) answering with the JSON shapes of Stripe's API
 * reference, plus Stripe's side of webhooks: event payloads signed the way Stripe signs them
 * ({@code t=<unix>,v1=<hex HMAC-SHA256(secret, t + "." + payload)>}).
 */
public final class StripeStandIn implements AutoCloseable {

    public static final String SECRET_KEY = "sk_test_51BazaarStandIn";
    static final String PUBLISHABLE_KEY = "pk_test_51BazaarStandIn";
    public static final String WEBHOOK_SECRET = "whsec_bazaar_stand_in_secret";

    /** The order id our saga puts into {@code metadata[orderId]}: a UUID, which the templates reuse in the ids. */
    private static final String ORDER_ID =
            "{{regexExtract request.body " + "'[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}'}}";

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().globalTemplating(true));

    public StripeStandIn() {
        server.start();
        stubDefaults();
    }

    void stubDefaults() {
        server.resetAll();
        server.stubFor(post("/v1/payment_intents").atPriority(10).willReturn(paymentCreated()));
        server.stubFor(post(urlPathMatching("/v1/payment_intents/[^/]+/cancel"))
                .atPriority(10)
                .willReturn(json(200, paymentIntent("{{request.pathSegments.[2]}}", "canceled", "0"))));
        server.stubFor(post("/v1/refunds").atPriority(10).willReturn(refundCreated(ORDER_ID)));
    }

    /** Stripe's answer to a PaymentIntent creation: {@code pi_<orderId>}, waiting for a payment method. */
    static ResponseDefinitionBuilder paymentCreated() {
        return json(
                200,
                paymentIntent(
                        "pi_" + ORDER_ID,
                        "requires_payment_method",
                        "{{formData request.body 'form'}}{{form.amount}}"));
    }

    /** Stripe's answer to a refund creation: {@code re_<orderId>}, succeeded. */
    static ResponseDefinitionBuilder refundCreated(String orderId) {
        return json(200, """
                {"id": "re_%s", "object": "refund", "amount": 0, "balance_transaction": "txn_1Nispe2eZvKYlo2CYezqFhEx",
                 "charge": "ch_1NirD82eZvKYlo2CIvbtLWuY", "created": 1692942318, "currency": "eur", "metadata": {},
                 "payment_intent": "{{formData request.body 'form'}}{{form.payment_intent}}", "reason": null,
                 "receipt_number": null, "source_transfer_reversal": null, "status": "succeeded",
                 "transfer_reversal": null}""".formatted(orderId));
    }

    WireMockServer server() {
        return server;
    }

    public String apiBase() {
        return server.baseUrl();
    }

    public List<LoggedRequest> requestsTo(String path) {
        return server.findAll(postRequestedFor(urlPathEqualTo(path)));
    }

    /** Stripe's card error answer (HTTP 402). */
    static ResponseDefinitionBuilder cardDeclined() {
        return json(402, """
                {"error": {"code": "card_declined", "decline_code": "generic_decline",
                 "doc_url": "https://stripe.com/docs/error-codes/card-declined", "message": "Your card was declined.",
                 "request_log_url": "https://dashboard.stripe.com/test/logs/req_xvbG0G3Fs3bC7o", "type": "card_error"}}""");
    }

    /** Stripe's answer to an internal error (HTTP 500), which stripe-java retries with the same idempotency key. */
    static ResponseDefinitionBuilder serverError() {
        return json(500, """
                {"error": {"message": "An unknown error occurred", "type": "api_error",
                 "request_log_url": "https://dashboard.stripe.com/test/logs/req_Tl0dA1oyoGQEBq"}}""");
    }

    static String paymentIntent(String id, String status, String amount) {
        return """
                {"id": "%1$s", "object": "payment_intent", "amount": %3$s, "amount_capturable": 0,
                 "amount_received": 0, "automatic_payment_methods": {"enabled": true}, "canceled_at": null,
                 "cancellation_reason": null, "capture_method": "automatic",
                 "client_secret": "%1$s_secret_YrKJUKribcBjcG8HVhfZluoGH", "confirmation_method": "automatic",
                 "created": 1680800504, "currency": "eur", "customer": null, "description": null,
                 "last_payment_error": null, "latest_charge": null, "livemode": false, "metadata": {},
                 "next_action": null, "payment_method": null, "payment_method_types": ["card", "link"],
                 "status": "%2$s"}""".formatted(id, status, amount);
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_standin")
                .withBody(body);
    }

    // ---------------------------------------------------------------- webhooks

    /** A Stripe event of {@code type} around {@code object}, as Stripe delivers it to an endpoint. */
    static String event(String type, String object) {
        return """
                {"id": "evt_%s", "object": "event", "api_version": "2025-04-30.basil", "created": %d,
                 "data": {"object": %s}, "livemode": false, "pending_webhooks": 1,
                 "request": {"id": null, "idempotency_key": null}, "type": "%s"}""".formatted(
                UUID.randomUUID().toString().replace("-", ""), Instant.now().getEpochSecond(), object, type);
    }

    public static String succeeded(String paymentIntentId, String orderId) {
        return event("payment_intent.succeeded", intentFor(paymentIntentId, orderId, "succeeded", "null"));
    }

    static String failed(String paymentIntentId, String orderId) {
        return event(
                "payment_intent.payment_failed", intentFor(paymentIntentId, orderId, "requires_payment_method", """
                {"code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has \
                insufficient funds.", "type": "card_error"}"""));
    }

    /** A fully refunded charge of the intent; no order id on it (Stripe does not copy intent metadata to charges). */
    public static String chargeRefunded(String paymentIntentId, String refundId) {
        return event("charge.refunded", """
                {"id": "ch_3MmlLrLkdIwHu7ix0snN0B15", "object": "charge", "amount": 9350, "amount_captured": 9350,
                 "amount_refunded": 9350, "captured": true, "currency": "eur", "metadata": {}, "paid": true,
                 "payment_intent": "%s", "refunded": true, "status": "succeeded",
                 "refunds": {"object": "list", "data": [{"id": "%s", "object": "refund", "amount": 9350,
                 "currency": "eur", "payment_intent": "%1$s", "status": "succeeded"}], "has_more": false,
                 "url": "/v1/charges/ch_3MmlLrLkdIwHu7ix0snN0B15/refunds"}}""".formatted(paymentIntentId, refundId));
    }

    private static String intentFor(String paymentIntentId, String orderId, String status, String lastError) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 9350, "amount_received": 9350,
                 "automatic_payment_methods": {"enabled": true}, "capture_method": "automatic", "currency": "eur",
                 "last_payment_error": %s, "livemode": false, "metadata": {"orderId": "%s"}, "status": "%s"}""".formatted(paymentIntentId, lastError, orderId, status);
    }

    /** The {@code Stripe-Signature} header Stripe would send for {@code payload} at {@code at}. */
    public static String signature(String payload, String secret, Instant at) {
        long timestamp = at.getEpochSecond();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
