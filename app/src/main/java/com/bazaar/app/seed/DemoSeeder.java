package com.bazaar.app.seed;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.identity.PasswordAccounts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Fills a fresh system with demo data the way the app would: sellers upload real photos through presigned URLs and
 * create and publish listings over the public HTTP API, so every listing goes through the commands, the events and
 * the projections. Only the demo accounts are created directly, through identity's published {@link PasswordAccounts}
 * (the sign-up endpoint is rate limited per IP).
 * Runs once: if the first demo seller exists, it does nothing. Start with {@code --bazaar.seed.listings=300}.
 */
@Component
@ConditionalOnProperty(prefix = "bazaar.seed", name = "listings")
class DemoSeeder {

    static final String PASSWORD = "bazaar-demo-password";
    private static final Logger log = LoggerFactory.getLogger(DemoSeeder.class);
    private static final int LISTINGS_PER_SELLER = 8;

    private final PasswordAccounts accounts;
    private final int listings;
    private final HttpClient plainHttp =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    DemoSeeder(PasswordAccounts accounts, @Value("${bazaar.seed.listings}") int listings) {
        this.accounts = accounts;
        this.listings = listings;
    }

    @EventListener
    void onServerStarted(WebServerInitializedEvent started) {
        // Only the main server; a separate management server has its own namespace.
        if (started.getApplicationContext().getServerNamespace() != null || listings <= 0) {
            return;
        }
        WebClient api = WebClient.builder()
                .baseUrl("http://127.0.0.1:" + started.getWebServer().getPort())
                .build();
        Thread seeding = new Thread(() -> seed(api), "demo-seeder");
        seeding.setDaemon(true);
        seeding.start();
    }

    private void seed(WebClient api) {
        int sellerCount = Math.max(1, (listings + LISTINGS_PER_SELLER - 1) / LISTINGS_PER_SELLER);
        List<String> sellerTokens = new ArrayList<>();
        try {
            for (int i = 1; i <= sellerCount; i++) {
                sellerTokens.add(
                        accounts.signUp(email(i), PASSWORD, DemoPeople.name(i)).accessToken());
            }
            accounts.signUp("shopper@demo.bazaar.example", PASSWORD, "Demo Shopper");
        } catch (DomainException taken) {
            if (taken.code() == ErrorCode.EMAIL_TAKEN) {
                log.info("Demo data is already there (demo accounts exist); not seeding again");
                return;
            }
            throw taken;
        }
        DemoCatalogue catalogue = new DemoCatalogue(42);
        int published = 0;
        for (int n = 0; n < listings; n++) {
            String token = sellerTokens.get(n % sellerTokens.size());
            try {
                publish(api, token, catalogue.next(), n);
                published++;
                if (published % 50 == 0) {
                    log.info("Seeded {} of {} demo listings", published, listings);
                }
            } catch (RuntimeException failed) {
                log.warn("Demo listing {} failed: {}", n, failed.getMessage());
            }
        }
        log.info(
                "Seeded {} demo listings from {} sellers; sign in as {} or shopper@demo.bazaar.example with "
                        + "password {}",
                published,
                sellerCount,
                email(1),
                PASSWORD);
    }

    private void publish(WebClient api, String token, DemoCatalogue.DemoListing listing, long seed) {
        List<String> photoIds = new ArrayList<>();
        for (int photo = 1; photo <= listing.photoCount(); photo++) {
            photoIds.add(uploadPhoto(api, token, DemoPhotos.render(listing.title(), photo, seed)));
        }
        Map<String, Object> body = new HashMap<>();
        body.put("title", listing.title());
        body.put("description", listing.description());
        body.put("price", listing.price());
        body.put("shippingPrice", listing.shippingPrice());
        body.put("category", listing.category().slug());
        body.put("condition", listing.condition().slug());
        body.put("brand", listing.brand());
        body.put("colour", listing.colour().slug());
        if (listing.size() != null) {
            body.put("size", listing.size());
        }
        body.put("photoIds", photoIds);
        String id =
                call(api.post().uri("/api/v1/listings"), token, body).get("id").asText();
        api.post()
                .uri("/api/v1/listings/{id}/publish", id)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve()
                .toBodilessEntity()
                .block(Duration.ofSeconds(30));
    }

    private String uploadPhoto(WebClient api, String token, byte[] jpeg) {
        JsonNode upload = call(
                api.post().uri("/api/v1/media/uploads"),
                token,
                Map.of("contentType", "image/jpeg", "size", jpeg.length));
        try {
            int status = plainHttp
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(upload.get("uploadUrl").asText()))
                                    .header("Content-Type", "image/jpeg")
                                    .PUT(HttpRequest.BodyPublishers.ofByteArray(jpeg))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 200) {
                throw new IllegalStateException("photo upload answered " + status);
            }
        } catch (IOException e) {
            throw new IllegalStateException("photo upload failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        String id = upload.get("id").asText();
        call(api.post().uri("/api/v1/media/{id}/complete", id), token, null);
        return id;
    }

    private static JsonNode call(WebClient.RequestBodySpec request, String token, Object body) {
        WebClient.RequestHeadersSpec<?> withBody = body == null
                ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return withBody.header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .retrieve()
                .bodyToMono(JsonNode.class)
                .block(Duration.ofSeconds(30));
    }

    static String email(int seller) {
        return "seller%02d@demo.bazaar.example".formatted(seller);
    }
}
