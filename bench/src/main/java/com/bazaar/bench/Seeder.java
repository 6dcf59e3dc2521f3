package com.bazaar.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Publishes the catalogue the way sellers do, over the public API: for each listing a presigned photo upload
 * (ask for the URL, PUT the JPEG to storage, complete), create the draft, publish it. {@code seedConcurrency}
 * sellers publish at once; each step is timed, which makes seeding the create+publish write scenario.
 */
final class Seeder {

    /** What seeding produced: the listing ids in publication order and the timings. */
    record Seeded(List<String> listingIds, List<ScenarioResult> results) {}

    private final BazaarClient client;
    private final BenchConfig config;
    private final FeedVisibility visibility;

    Seeder(BazaarClient client, BenchConfig config, FeedVisibility visibility) {
        this.client = client;
        this.config = config;
        this.visibility = visibility;
    }

    Seeded seed() {
        List<String> sellerTokens = new ArrayList<>();
        for (int i = 1; i <= config.sellers(); i++) {
            sellerTokens.add(client.signUp("Bench Seller " + i, "seller" + i + "@bench.bazaar.example"));
        }
        Photos photos = new Photos(8);
        Recorder upload = new Recorder();
        Recorder create = new Recorder();
        Recorder publish = new Recorder();
        Recorder whole = new Recorder();
        List<String> ids = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < config.seedConcurrency(); w++) {
            int worker = w;
            Thread thread = new Thread(
                    () -> {
                        // Deterministic per worker, whatever the interleaving of workers.
                        ListingFactory listings = new ListingFactory(42 + worker);
                        for (int n = worker; n < config.listings(); n += config.seedConcurrency()) {
                            String token = sellerTokens.get(n % sellerTokens.size());
                            long begin = System.nanoTime();
                            try {
                                String photoId = uploadPhoto(token, photos.get(n), upload);
                                long createStart = System.nanoTime();
                                BazaarClient.Answer created =
                                        client.post("/api/v1/listings", token, listings.next(n, photoId));
                                create.record(System.nanoTime() - createStart, created.status());
                                String id = created.requireOk("create listing")
                                        .body()
                                        .get("id")
                                        .asText();
                                long publishStart = System.nanoTime();
                                BazaarClient.Answer published =
                                        client.post("/api/v1/listings/" + id + "/publish", token, null);
                                long publishEnd = System.nanoTime();
                                publish.record(publishEnd - publishStart, published.status());
                                published.requireOk("publish listing");
                                visibility.published(id, publishEnd);
                                whole.record(publishEnd - begin, 200);
                                ids.add(id);
                            } catch (RuntimeException failed) {
                                whole.fail(failed.getClass().getSimpleName() + ": " + failed.getMessage());
                            }
                        }
                    },
                    "bench-seller-" + w);
            workers.add(thread);
            thread.start();
        }
        workers.forEach(Workers::join);
        long elapsed = System.nanoTime() - started;
        String note = config.seedConcurrency() + " concurrent sellers";
        return new Seeded(
                List.copyOf(ids),
                List.of(
                        whole.result(
                                "publish a listing: upload + create + publish",
                                elapsed,
                                note + "; throughput = listings/s"),
                        upload.result("  photo upload (URL + PUT to S3 + complete)", elapsed, "one photo per listing"),
                        create.result("  create listing (POST /listings)", elapsed, ""),
                        publish.result("  publish listing (POST /listings/{id}/publish)", elapsed, "")));
    }

    private String uploadPhoto(String token, byte[] jpeg, Recorder upload) {
        long start = System.nanoTime();
        BazaarClient.Answer requested = client.post(
                        "/api/v1/media/uploads", token, Map.of("contentType", "image/jpeg", "size", jpeg.length))
                .requireOk("upload URL");
        int stored = client.put(requested.body().get("uploadUrl").asText(), "image/jpeg", jpeg);
        if (stored != 200) {
            upload.record(System.nanoTime() - start, stored);
            throw new IllegalStateException("PUT to the presigned URL answered " + stored);
        }
        String id = requested.body().get("id").asText();
        BazaarClient.Answer completed = client.post("/api/v1/media/" + id + "/complete", token, null);
        upload.record(System.nanoTime() - start, completed.status());
        completed.requireOk("complete upload");
        return id;
    }
}
