package com.bazaar.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.order.ConfirmPayment;
import com.bazaar.contracts.order.RecordPaymentFailure;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.modelling.command.ConcurrencyException;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What one Stripe webhook delivery does, below HTTP: the real stripe-java signature check over payloads shaped like
 * Stripe's events and signed here with the endpoint secret (Stripe's v1 scheme), the commands sent to a real Axon
 * command bus, and the record of applied events in a real Mongo wire server in memory. The HTTP edge and the order
 * aggregate are covered by the app's PaymentFlowTest.
 */
class StripeWebhooksTest {

    private static final String SECRET = "whsec_test_webhooks";
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final String ORDER = "order-1";
    private static final String INTENT = "pi_3MtwBwLkdIwHu7ix28a3tqPa";

    private static final MongoServer mongoServer = new MongoServer(new MemoryBackend());
    private static MongoClient mongoClient;

    private final List<Object> handled = Collections.synchronizedList(new ArrayList<>());
    /** What the order answers to each command it is sent, by attempt (1, 2, ...): null = accepted. */
    private volatile Function<Integer, RuntimeException> order = attempt -> null;

    private final AtomicInteger attempts = new AtomicInteger();
    private MongoTemplate mongo;
    private SimpleMeterRegistry meters;
    private PaymentRecords records;
    private StripeWebhooks webhooks;

    @BeforeAll
    static void startMongo() {
        mongoClient = MongoClients.create(mongoServer.bindAndGetConnectionString());
    }

    @AfterAll
    static void stopMongo() {
        mongoClient.close();
        mongoServer.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        mongo = new MongoTemplate(mongoClient, "webhooks-" + UUID.randomUUID());
        meters = new SimpleMeterRegistry();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        records = new PaymentRecords(mongo, clock);
        records.expect(ORDER, "buyer-1", new Money(9350, "EUR"), "creating");
        PaymentsProperties properties = new PaymentsProperties(
                "http://127.0.0.1:9",
                "",
                "",
                SECRET,
                Duration.ofMinutes(5),
                0,
                0,
                Duration.ofMillis(1),
                Duration.ofMillis(1),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1));
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        for (Class<?> command : List.of(ConfirmPayment.class, RecordPaymentFailure.class)) {
            commandBus.subscribe(command.getName(), (CommandMessage<?> message) -> {
                handled.add(message.getPayload());
                RuntimeException answer = order.apply(attempts.incrementAndGet());
                if (answer != null) {
                    throw answer;
                }
                return null;
            });
        }
        webhooks = new StripeWebhooks(
                properties,
                records,
                new StripeGateway(properties),
                commandBus,
                mongo,
                new PaymentMetrics(meters),
                clock);
    }

    @Test
    void aSignedPaymentConfirmsTheOrderAndIsRecordedAsApplied() {
        String payload = succeeded("evt_1");

        webhooks.receive(payload, signature(payload, SECRET, NOW));

        assertThat(handled).containsExactly(new ConfirmPayment(ORDER, INTENT));
        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("succeeded"));
        assertThat(applied()).singleElement().satisfies(record -> {
            assertThat(record.getString("_id")).isEqualTo("evt_1");
            assertThat(record.getString("type")).isEqualTo("payment_intent.succeeded");
            assertThat(record.get("appliedAt", Date.class).toInstant()).isEqualTo(NOW);
        });
    }

    @Test
    void aDuplicateDeliveryIsAcknowledgedAndSendsNothingAgain() {
        String payload = succeeded("evt_1");
        webhooks.receive(payload, signature(payload, SECRET, NOW));

        // Stripe's retry of the same event carries a new signature over the same body.
        webhooks.receive(payload, signature(payload, SECRET, NOW.plusSeconds(30)));
        webhooks.receive(payload, signature(payload, SECRET, NOW.plusSeconds(60)));

        assertThat(handled).containsExactly(new ConfirmPayment(ORDER, INTENT));
        assertThat(applied()).hasSize(1);
    }

    @Test
    void anEventTypeWeDoNotHandleIsAcknowledgedAndSendsNothing() {
        String payload = event("evt_customer", "customer.created", """
                {"id": "cus_NffrFeUfNV2Hib", "object": "customer", "created": 1680893993,
                 "email": "jennyrosen@example.com", "livemode": false, "metadata": {}, "name": "Jenny Rosen"}""");

        webhooks.receive(payload, signature(payload, SECRET, NOW));

        assertThat(handled).isEmpty();
        assertThat(applied()).extracting(record -> record.getString("type")).containsExactly("customer.created");
    }

    @Test
    void aDeliveryWhoseSignatureDoesNotHoldIsRefusedCountedAndChangesNothing() {
        String payload = succeeded("evt_1");
        String tampered = payload.replace("9350", "1");

        assertRefused(payload, signature(payload, "whsec_someone_else", NOW), "signature");
        assertRefused(tampered, signature(payload, SECRET, NOW), "signature");
        assertRefused(payload, signature(payload, SECRET, NOW.minus(Duration.ofMinutes(6))), "stale");
        assertRefused(payload, null, "missing-signature");
        assertRefused(payload, "t=" + NOW.getEpochSecond() + ",v1=", "signature");

        assertThat(handled).isEmpty();
        assertThat(applied()).isEmpty();
        assertThat(records.find(ORDER))
                .hasValueSatisfying(payment -> assertThat(payment.status()).isEqualTo("creating"));
    }

    @Test
    void anOrderThatLostARaceToAnotherNodeIsSentTheCommandAgainAndTheEventAppliedOnce() {
        order = attempt -> attempt == 1 ? new ConcurrencyException("another node appended first") : null;
        String payload = succeeded("evt_1");

        webhooks.receive(payload, signature(payload, SECRET, NOW));

        assertThat(handled).containsExactly(new ConfirmPayment(ORDER, INTENT), new ConfirmPayment(ORDER, INTENT));
        assertThat(applied()).hasSize(1);
    }

    @Test
    void aFailureThatOutlastsTheRetriesLeavesTheEventUnrecordedSoStripesRedeliveryAppliesIt() {
        order = attempt -> new ConcurrencyException("the event store keeps refusing");
        String payload = succeeded("evt_1");

        assertThatThrownBy(() -> webhooks.receive(payload, signature(payload, SECRET, NOW)))
                .isInstanceOf(ConcurrencyException.class);
        assertThat(handled).hasSize(3);
        assertThat(applied()).isEmpty();

        order = attempt -> null;
        webhooks.receive(payload, signature(payload, SECRET, NOW.plusSeconds(60)));
        assertThat(applied()).hasSize(1);
    }

    @Test
    void aRefusalOfTheOrderIsAnAnswerAndNotRetried() {
        order = attempt -> new DomainException(ErrorCode.ORDER_NOT_FOUND, "no such order");
        String payload = event("evt_failed", "payment_intent.payment_failed", intent("requires_payment_method", """
                {"code": "card_declined", "decline_code": "insufficient_funds", "type": "card_error"}"""));

        assertThatThrownBy(() -> webhooks.receive(payload, signature(payload, SECRET, NOW)))
                .isInstanceOf(DomainException.class);

        assertThat(handled).containsExactly(new RecordPaymentFailure(ORDER, INTENT, "card_declined"));
        assertThat(applied()).isEmpty();
    }

    private void assertRefused(String payload, String signature, String reason) {
        double before = rejected(reason);
        assertThatThrownBy(() -> webhooks.receive(payload, signature))
                .isInstanceOfSatisfying(
                        DomainException.class,
                        refused -> assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_WEBHOOK_SIGNATURE));
        assertThat(rejected(reason))
                .as("bazaar.webhooks.rejected{reason=%s}", reason)
                .isEqualTo(before + 1);
    }

    private double rejected(String reason) {
        var counter =
                meters.find("bazaar.webhooks.rejected").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private List<Document> applied() {
        return mongo.getCollection(StripeWebhooks.PROCESSED).find().into(new ArrayList<>());
    }

    private static String succeeded(String eventId) {
        return event(eventId, "payment_intent.succeeded", intent("succeeded", "null"));
    }

    /** A PaymentIntent as Stripe's API reference shows it (abridged), with the order in its metadata. */
    private static String intent(String status, String lastPaymentError) {
        return """
                {"id": "%s", "object": "payment_intent", "amount": 9350, "amount_received": 9350,
                 "automatic_payment_methods": {"enabled": true}, "capture_method": "automatic",
                 "client_secret": "%1$s_secret_YrKJUKribcBjcG8HVhfZluoGH", "confirmation_method": "automatic",
                 "created": 1680800504, "currency": "eur", "last_payment_error": %s, "livemode": false,
                 "metadata": {"orderId": "%s"}, "payment_method_types": ["card"], "status": "%s"}""".formatted(INTENT, lastPaymentError, ORDER, status);
    }

    /** An Event object as Stripe delivers it to a webhook endpoint. */
    private static String event(String id, String type, String object) {
        return """
                {"id": "%s", "object": "event", "api_version": "2025-04-30.basil", "created": %d,
                 "data": {"object": %s}, "livemode": false, "pending_webhooks": 1,
                 "request": {"id": null, "idempotency_key": null}, "type": "%s"}""".formatted(id, NOW.getEpochSecond(), object, type);
    }

    /**
     * Stripe's v1 scheme, computed here independently of stripe-java: {@code t=<unix time>,v1=<hex HMAC-SHA256 of
     * "t.payload" keyed with the endpoint secret>}.
     */
    private static String signature(String payload, String secret, Instant at) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = at.getEpochSecond() + "." + payload;
            return "t=" + at.getEpochSecond() + ",v1="
                    + HexFormat.of().formatHex(hmac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
