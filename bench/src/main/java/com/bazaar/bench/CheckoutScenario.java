package com.bazaar.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Shoppers buying: each round empties the cart, adds one listing (its own, so shoppers never race for an item)
 * and checks out, which reserves the listing through its aggregate and places an order. {@code concurrency}
 * shoppers buy at once, one cart each.
 */
final class CheckoutScenario {

    private static final Map<String, Object> ADDRESS = Map.of(
            "shippingAddress",
            Map.of(
                    "name",
                    "Bench Shopper",
                    "line1",
                    "1 Benchmark Street",
                    "city",
                    "Berlin",
                    "postalCode",
                    "10115",
                    "country",
                    "DE"));

    private final BazaarClient client;
    private final int concurrency;
    private final List<String> listingIds;

    CheckoutScenario(BazaarClient client, int concurrency, List<String> listingIds) {
        this.client = client;
        this.concurrency = concurrency;
        this.listingIds = listingIds;
    }

    List<ScenarioResult> run() {
        List<String> shoppers = new ArrayList<>();
        for (int i = 1; i <= concurrency; i++) {
            shoppers.add(client.signUp("Bench Shopper " + i, "shopper" + i + "@bench.bazaar.example"));
        }
        Recorder add = new Recorder();
        Recorder checkout = new Recorder();
        Recorder round = new Recorder();
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int s = 0; s < concurrency; s++) {
            int shopper = s;
            Thread thread = new Thread(
                    () -> {
                        String token = shoppers.get(shopper);
                        for (int n = shopper; n < listingIds.size(); n += concurrency) {
                            buy(token, listingIds.get(n), add, checkout, round);
                        }
                    },
                    "bench-shopper-" + s);
            workers.add(thread);
            thread.start();
        }
        workers.forEach(Workers::join);
        long elapsed = System.nanoTime() - started;
        String note = concurrency + " concurrent shoppers";
        return List.of(
                round.result("buy: (clear cart +) add to cart + checkout", elapsed, note + "; throughput = orders/s"),
                add.result("  add to cart (POST /cart/items)", elapsed, ""),
                checkout.result("  checkout (POST /checkout)", elapsed, "reserves the listing, places 1 order"));
    }

    private void buy(String token, String listingId, Recorder add, Recorder checkout, Recorder round) {
        long begin = System.nanoTime();
        try {
            // The previous round's line stays in the cart (reserved) until paid; without this it fails checkout.
            client.delete("/api/v1/cart/items", token).requireOk("clear cart");
            long addStart = System.nanoTime();
            BazaarClient.Answer added = client.post(
                    "/api/v1/cart/items",
                    token,
                    Map.of("listingId", listingId, "quantity", 1),
                    Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            add.record(System.nanoTime() - addStart, added.status());
            added.requireOk("add to cart");
            long checkoutStart = System.nanoTime();
            BazaarClient.Answer placed = client.post("/api/v1/checkout", token, ADDRESS);
            long end = System.nanoTime();
            checkout.record(end - checkoutStart, placed.status());
            placed.requireOk("checkout");
            round.record(end - begin, placed.status());
        } catch (RuntimeException failed) {
            round.fail(failed.getClass().getSimpleName() + ": " + failed.getMessage());
        }
    }
}
