package com.bazaar.bench;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.serialization.Serializer;

/**
 * Commands through HTTP (create listing, publish it, add a listing to a cart), each kind a fixed amount of work by
 * {@code concurrency} clients, against raw single-document/row inserts of a serialized {@code ListingDraftCreated}
 * into a scratch collection/table of the same store by as many threads: what the store takes without the application.
 */
final class StoreCommands {

    private final BazaarClient client;
    private final RawStore raw;
    private final Serializer serializer;
    private final int concurrency;
    private final int perWorker;
    private final List<String> sellers = new ArrayList<>();
    private final List<String> photos = new ArrayList<>();
    private final List<String> buyers = new ArrayList<>();
    private final AtomicInteger round = new AtomicInteger();

    StoreCommands(BazaarClient client, RawStore raw, Serializer serializer, int concurrency, int commands) {
        this.client = client;
        this.raw = raw;
        this.serializer = serializer;
        this.concurrency = concurrency;
        this.perWorker = Math.max(1, commands / concurrency);
    }

    /** Accounts and one uploaded photo per seller (a photo may illustrate many listings of its owner). */
    void prepare() {
        Photos jpegs = new Photos(1);
        for (int i = 0; i < concurrency; i++) {
            String seller = client.signUp("Store Bench Seller " + i, "store-seller" + i + "@bench.bazaar.example");
            sellers.add(seller);
            photos.add(ChatBenchMain.upload(client, seller, jpegs.get(0)));
            buyers.add(client.signUp("Store Bench Buyer " + i, "store-buyer" + i + "@bench.bazaar.example"));
        }
        raw.prepareScratch();
        // Warm-up, unrecorded: JIT, connection pools, the store's caches.
        run(Math.max(1, perWorker / 10), List.of());
    }

    /** Answers: create, publish, add to cart, raw insert, in this order. */
    List<ScenarioResult> run(List<String> listingsForSale) {
        return run(perWorker, listingsForSale);
    }

    private List<ScenarioResult> run(int count, List<String> listingsForSale) {
        int r = round.incrementAndGet();
        List<List<String>> drafts = new ArrayList<>();
        for (int w = 0; w < concurrency; w++) {
            drafts.add(Collections.synchronizedList(new ArrayList<>()));
        }
        String note = concurrency + " concurrent clients";
        ScenarioResult create = Sampling.bounded(
                "create listing (POST /listings)",
                concurrency,
                count,
                (w, i) -> {
                    BazaarClient.Answer answer =
                            client.post("/api/v1/listings", sellers.get(w), listing(photos.get(w), r, i));
                    if (answer.ok()) {
                        drafts.get(w).add(answer.body().get("id").asText());
                    }
                    return answer.status();
                },
                note);
        ScenarioResult publish = Sampling.bounded(
                "publish listing (POST /listings/{id}/publish)",
                concurrency,
                count,
                (w, i) -> i < drafts.get(w).size()
                        ? client.post("/api/v1/listings/" + drafts.get(w).get(i) + "/publish", sellers.get(w), null)
                                .status()
                        : 599,
                note);
        int perBuyer = Math.min(count, listingsForSale.size() / concurrency);
        ScenarioResult add = perBuyer == 0
                ? null
                : Sampling.bounded(
                        "add to cart (POST /cart/items)",
                        concurrency,
                        perBuyer,
                        (w, i) -> client.post(
                                        "/api/v1/cart/items",
                                        buyers.get(w),
                                        Map.of("listingId", listingsForSale.get(w * perBuyer + i), "quantity", 1),
                                        Map.of(
                                                "Idempotency-Key",
                                                UUID.randomUUID().toString()))
                                .status(),
                        note);
        byte[] payload = serializer
                .serialize(new ListingDraftCreated("x", "y", details(photos.get(0), r, 0)), byte[].class)
                .getData();
        String payloadType = ListingDraftCreated.class.getName();
        ScenarioResult inserts = Sampling.bounded(
                "raw insert (one event document/row)",
                concurrency,
                count,
                (w, i) -> {
                    raw.insert(
                            UUID.randomUUID().toString(), 0, UUID.randomUUID().toString(), payloadType, payload);
                    return 200;
                },
                note);
        List<ScenarioResult> results = new ArrayList<>(List.of(create, publish));
        if (add != null) {
            results.add(add);
        }
        results.add(inserts);
        return results;
    }

    private static Map<String, Object> listing(String photoId, int round, int index) {
        return Map.of(
                "title",
                "Store bench jacket " + round + "-" + index,
                "description",
                "Worn a handful of times, no stains or holes.",
                "price",
                Map.of("amount", 2500 + index, "currency", "EUR"),
                "shippingPrice",
                Map.of("amount", 450, "currency", "EUR"),
                "category",
                "clothing",
                "condition",
                "good",
                "brand",
                "COS",
                "photoIds",
                List.of(photoId));
    }

    private static ListingDetails details(String photoId, int round, int index) {
        return new ListingDetails(
                "Store bench jacket " + round + "-" + index,
                "Worn a handful of times, no stains or holes.",
                new Money(2500 + index, "EUR"),
                new Money(450, "EUR"),
                Category.CLOTHING,
                Condition.GOOD,
                null,
                "COS",
                null,
                List.of(photoId));
    }
}
