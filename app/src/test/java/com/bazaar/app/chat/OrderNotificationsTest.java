package com.bazaar.app.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.order.Carts;
import com.bazaar.contracts.order.ConfirmPayment;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.Disposable;

/**
 * The {@code notifications} stream over a real RSocket WebSocket connection tells a buyer that their order was
 * shipped, delivered or cancelled (events that do not name the buyer), tells the seller of a cancellation, and tells
 * nobody else.
 */
class OrderNotificationsTest {

    @TempDir
    Path dataDir;

    @Test
    void theBuyerIsToldOfShippingDeliveryAndCancellationAndAStrangerOfNothing() {
        try (RunningBazaar bazaar = RunningBazaar.start(dataDir)) {
            User seller = bazaar.signUp("Banner seller");
            User buyer = bazaar.signUp("Banner buyer");
            User stranger = bazaar.signUp("Banner stranger");
            RSocketRequester buyerConnection = bazaar.rsocket(buyer.accessToken());
            RSocketRequester sellerConnection = bazaar.rsocket(seller.accessToken());
            RSocketRequester strangerConnection = bazaar.rsocket(stranger.accessToken());
            List<JsonNode> toBuyer = new CopyOnWriteArrayList<>();
            List<JsonNode> toSeller = new CopyOnWriteArrayList<>();
            List<JsonNode> toStranger = new CopyOnWriteArrayList<>();
            Disposable buyerStream = subscribe(buyerConnection, toBuyer);
            Disposable sellerStream = subscribe(sellerConnection, toSeller);
            Disposable strangerStream = subscribe(strangerConnection, toStranger);
            try {
                String shipped = Carts.checkOut(bazaar, buyer, bazaar.publishedListing(seller, "Banner boots", 4000));
                bazaar.bean(CommandGateway.class).sendAndWait(new ConfirmPayment(shipped, "pi_" + shipped));
                // The buyer's stream is live once it carries the payment banner; everything after is timed from here.
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> kinds(toBuyer, shipped).contains("order.paid"));

                bazaar.as(seller)
                        .post()
                        .uri("/api/v1/orders/{id}/ship", shipped)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("carrier", "DHL", "trackingNumber", "JJD0099"))
                        .exchange()
                        .expectStatus()
                        .isNoContent();
                JsonNode shipping = await().atMost(Duration.ofSeconds(10))
                        .until(() -> find(toBuyer, shipped, "order.shipped"), note -> note != null);
                assertThat(shipping.get("userId").asText()).isEqualTo(buyer.id());
                assertThat(shipping.get("text").asText()).isEqualTo("DHL JJD0099");

                bazaar.as(seller)
                        .post()
                        .uri("/api/v1/orders/{id}/deliver", shipped)
                        .exchange()
                        .expectStatus()
                        .isNoContent();
                await().atMost(Duration.ofSeconds(10)).until(() -> find(toBuyer, shipped, "order.delivered") != null);

                String cancelled = Carts.checkOut(bazaar, buyer, bazaar.publishedListing(seller, "Banner belt", 1500));
                bazaar.as(buyer)
                        .post()
                        .uri("/api/v1/orders/{id}/cancel", cancelled)
                        .exchange()
                        .expectStatus()
                        .isNoContent();
                JsonNode cancellation = await().atMost(Duration.ofSeconds(10))
                        .until(() -> find(toBuyer, cancelled, "order.cancelled"), note -> note != null);
                assertThat(cancellation.get("text").asText()).isEqualTo("buyer");
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> find(toSeller, cancelled, "order.cancelled") != null);

                // Exactly once each, and the seller, who confirmed the delivery, is not told of it.
                await().during(Duration.ofSeconds(2))
                        .atMost(Duration.ofSeconds(4))
                        .until(() -> kinds(toBuyer, shipped)
                                .equals(List.of("order.paid", "order.shipped", "order.delivered")));
                assertThat(kinds(toSeller, shipped)).doesNotContain("order.shipped", "order.delivered");
                assertThat(toStranger).isEmpty();
            } finally {
                buyerStream.dispose();
                sellerStream.dispose();
                strangerStream.dispose();
                buyerConnection.dispose();
                sellerConnection.dispose();
                strangerConnection.dispose();
            }
        }
    }

    private static Disposable subscribe(RSocketRequester rsocket, List<JsonNode> into) {
        return rsocket.route("notifications").retrieveFlux(JsonNode.class).subscribe(into::add);
    }

    private static List<String> kinds(List<JsonNode> notes, String orderId) {
        return notes.stream()
                .filter(note -> orderId.equals(note.path("orderId").asText()))
                .map(note -> note.get("kind").asText())
                .toList();
    }

    private static JsonNode find(List<JsonNode> notes, String orderId, String kind) {
        return notes.stream()
                .filter(note -> orderId.equals(note.path("orderId").asText())
                        && kind.equals(note.get("kind").asText()))
                .findFirst()
                .orElse(null);
    }
}
