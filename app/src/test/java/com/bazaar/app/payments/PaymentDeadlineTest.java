package com.bazaar.app.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An order nobody pays in time is cancelled, its PaymentIntent is cancelled at Stripe and its listing is for sale. */
class PaymentDeadlineTest {

    @TempDir
    static Path dataDir;

    private static StripeStandIn stripe;
    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        stripe = new StripeStandIn();
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.checkout.payment-window=2s",
                "--bazaar.checkout.deadline-check-interval=PT0.5S",
                "--bazaar.payments.stripe-api-base=" + stripe.apiBase(),
                "--bazaar.payments.secret-key=" + StripeStandIn.SECRET_KEY,
                "--bazaar.payments.webhook-secret=" + StripeStandIn.WEBHOOK_SECRET);
    }

    @AfterAll
    static void stop() {
        bazaar.close();
        stripe.close();
    }

    @Test
    void anUnpaidOrderIsCancelledAtTheDeadlineAndSoIsItsPaymentIntent() {
        User seller = bazaar.signUp("Deadline Seller");
        User buyer = bazaar.signUp("Deadline Buyer");
        String listingId = bazaar.publishedListing(seller, "Rocking chair", 15000);
        String orderId = checkOut(buyer, listingId);

        await().atMost(Duration.ofSeconds(15))
                .until(() -> "CANCELLED"
                        .equals(bazaar.as(buyer)
                                .get()
                                .uri("/api/v1/orders/{id}", orderId)
                                .exchange()
                                .expectBody(JsonNode.class)
                                .returnResult()
                                .getResponseBody()
                                .path("status")
                                .asText()));

        String cancelPath = "/v1/payment_intents/pi_" + orderId + "/cancel";
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !stripe.requestsTo(cancelPath).isEmpty());
        // Exactly one cancel, over a window of several deadline checks (every 0.5 s here) that could have repeated it.
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> stripe.requestsTo(cancelPath).size() == 1);
        List<LoggedRequest> cancelled = stripe.requestsTo(cancelPath);
        assertThat(cancelled.get(0).getHeader("Idempotency-Key"))
                .contains(orderId)
                .endsWith("cancel");
        assertThat(cancelled.get(0).getHeader("Authorization")).isEqualTo("Bearer " + StripeStandIn.SECRET_KEY);

        // The listing is for sale again: another shopper's checkout reserves it.
        checkOut(bazaar.signUp("Next In Line"), listingId);
    }

    private static String checkOut(User buyer, String listingId) {
        return Carts.checkOut(bazaar, buyer, listingId);
    }
}
