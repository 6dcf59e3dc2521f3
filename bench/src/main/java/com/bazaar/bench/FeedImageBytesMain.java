package com.bazaar.bench;

import com.bazaar.app.seed.DemoPhotos;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * Image bytes a phone downloads for one feed page of 20 cards, original photos against the list rendition (and the
 * detail one): {@code java -cp bench/target/bazaar-bench.jar -Dloader.main=com.bazaar.bench.FeedImageBytesMain
 * org.springframework.boot.loader.launch.PropertiesLauncher}. Two catalogues of 20 listings, each its own seller's
 * feed page: the seed's 640x640 demo photos, and 12 MP camera-sized ones (4032x3024). docs/PERFORMANCE.md.
 */
public final class FeedImageBytesMain {

    private static final int PAGE = 20;
    /** Distinct photos per catalogue, reused across its listings (encoding a 12 MP JPEG takes the client a while). */
    private static final int DISTINCT = 4;

    private static final HttpClient IMAGES =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private FeedImageBytesMain() {}

    public static void main(String[] args) throws InterruptedException {
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        try (EmbeddedBazaar bazaar = EmbeddedBazaar.start(List.of())) {
            BazaarClient client = new BazaarClient(bazaar.baseUrl());
            System.out.println("| photos (one per listing) | original | list (320 px) | detail (1080 px) "
                    + "| upload incl. renditions, median |");
            System.out.println("| --- | ---: | ---: | ---: | ---: |");
            measure(client, "demo seed, 640x640", n -> DemoPhotos.render("Feed bytes " + n, n, n));
            measure(client, "camera, 4032x3024", n -> DemoPhotos.camera(4032, 3024, n));
        }
        System.exit(0);
    }

    private static void measure(BazaarClient client, String label, IntFunction<byte[]> photo)
            throws InterruptedException {
        String seller =
                client.signUp("Feed bytes " + label, "feed-bytes-" + label.hashCode() + "@bench.bazaar.example");
        List<byte[]> photos = IntStream.range(0, DISTINCT).mapToObj(photo).toList();
        ListingFactory listings = new ListingFactory(13);
        String listingId = null;
        long[] uploadMillis = new long[PAGE];
        for (int i = 0; i < PAGE; i++) {
            long start = System.nanoTime();
            String photoId = ChatBenchMain.upload(client, seller, photos.get(i % DISTINCT));
            uploadMillis[i] = Duration.ofNanos(System.nanoTime() - start).toMillis();
            listingId = ChatBenchMain.publish(client, seller, listings.next(i, photoId));
        }
        JsonNode items = page(client, listingId);
        long original = 0;
        long list = 0;
        long detail = 0;
        for (JsonNode item : items) {
            original += bytes(item.at("/coverImageUrls/original").asText());
            list += bytes(item.at("/coverImageUrls/list").asText());
            detail += bytes(item.at("/coverImageUrls/detail").asText());
        }
        Arrays.sort(uploadMillis);
        System.out.printf(
                "| %s | %,d B | %,d B (%.1f %%) | %,d B (%.1f %%) | %d ms |%n",
                label,
                original,
                list,
                100.0 * list / original,
                detail,
                100.0 * detail / original,
                uploadMillis[PAGE / 2]);
    }

    /**
     * The seller's first feed page. Detail and feed are projections: wait until the seller's last listing has
     * reached both, so the page holds all of the seller's listings.
     */
    private static JsonNode page(BazaarClient client, String lastListingId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            BazaarClient.Answer listing = client.get("/api/v1/listings/" + lastListingId);
            if (listing.status() == 200) {
                String sellerId = listing.body().get("sellerId").asText();
                JsonNode items = client.get("/api/v1/feed?limit=" + PAGE + "&sellerId=" + sellerId)
                        .body()
                        .path("items");
                if (items.size() == PAGE) {
                    return items;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the feed never showed the seller's " + PAGE + " listings");
    }

    /** What the phone downloads for one image: the redirect is followed, as an image view does. */
    private static long bytes(String url) {
        try {
            HttpResponse<byte[]> image = IMAGES.send(
                    HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (image.statusCode() != 200) {
                throw new IllegalStateException("GET " + url + " answered " + image.statusCode());
            }
            return image.body().length;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
