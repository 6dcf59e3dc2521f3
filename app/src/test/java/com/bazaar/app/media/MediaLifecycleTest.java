package com.bazaar.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.media.FindMedia;
import com.bazaar.contracts.media.MediaSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.MediaType;
import org.springframework.scheduling.config.ScheduledTask;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Uploads in the life of listings, against the real application: a draft takes the seller's uploads and publishes
 * once they are READY (the command side asks FindMedia), the attachment tracker marks them attached, and the cleanup
 * job deletes old uploads no listing named (record and object) while keeping attached ones. The unused age is zero
 * here and the job is run by hand through Spring's scheduler registry, so nothing waits 24 hours.
 */
class MediaLifecycleTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void startBazaar() {
        // Every unattached upload counts as old; the scheduled runs are a day apart, so only the test triggers one.
        // Upload URLs live 3 s, so that expiry can be shown without a long wait.
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.media.unused-max-age=0s",
                "--bazaar.media.cleanup-interval=1d",
                "--bazaar.media.upload-url-ttl=3s");
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void aDraftWithTheSellersReadyPhotoPublishesAndPhotosMustBeOwnAndReady() {
        User seller = bazaar.signUp("Sally Seller");
        WebTestClient asSeller = bazaar.as(seller);
        String photo = bazaar.uploadPhoto(seller);

        String listingId = createDraft(asSeller, List.of(photo)).path("id").asText();
        asSeller.post()
                .uri("/api/v1/listings/{id}/publish", listingId)
                .exchange()
                .expectStatus()
                .isNoContent();

        // Someone else's upload cannot be attached; it answers like an unknown id.
        User other = bazaar.signUp("Olly Other");
        String othersPhoto = bazaar.uploadPhoto(other);
        asSeller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(listing(List.of(othersPhoto)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photoIds[0]");

        // A draft may hold an upload still in progress, but cannot be published until it is READY.
        String pending = bazaar.startUpload(seller);
        String draftId = createDraft(asSeller, List.of(pending)).path("id").asText();
        asSeller.post()
                .uri("/api/v1/listings/{id}/publish", draftId)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("photo-not-uploaded");

        // At most five photos: a sixth is refused before anything is stored.
        List<String> six = List.of(
                photo,
                bazaar.uploadPhoto(seller),
                bazaar.uploadPhoto(seller),
                bazaar.uploadPhoto(seller),
                bazaar.uploadPhoto(seller),
                bazaar.uploadPhoto(seller));
        asSeller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(listing(six))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("photoIds");
        // Publishing a draft without photos is a conflict naming the rule.
        String bare = createDraft(asSeller, List.of()).path("id").asText();
        asSeller.post()
                .uri("/api/v1/listings/{id}/publish", bare)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("listing-needs-photos");
    }

    @Test
    void theCleanupDeletesOldUnattachedUploadsWithTheirObjectsAndKeepsAttachedOnes() throws Exception {
        User seller = bazaar.signUp("Carl Cleaner");
        String attached = bazaar.uploadPhoto(seller);
        String unattachedReady = bazaar.uploadPhoto(seller);
        String unattachedPending = bazaar.startUpload(seller);
        createDraft(bazaar.as(seller), List.of(attached));
        await().atMost(Duration.ofSeconds(20)).until(() -> media(attached).containsKey("attachedAt"));
        URI attachedObject = presignedLocation(attached);
        URI deletedObject = presignedLocation(unattachedReady);

        runCleanup();

        assertThat(findMedia(attached, unattachedReady, unattachedPending))
                .extracting(MediaSummary::id)
                .containsExactly(attached);
        assertThat(media(unattachedReady)).isNull();
        assertThat(fetch(deletedObject)).as("the deleted upload's object").isEqualTo(404);
        assertThat(fetch(attachedObject)).as("the attached upload's object").isEqualTo(200);
        bazaar.http()
                .get()
                .uri("/media/{id}", unattachedReady)
                .exchange()
                .expectStatus()
                .isNotFound();
        bazaar.http()
                .get()
                .uri("/media/{id}", attached)
                .exchange()
                .expectStatus()
                .isFound();

        // Running again changes nothing.
        runCleanup();
        assertThat(findMedia(attached)).hasSize(1);
    }

    @Test
    void aPhotoNamedByAListingIsKeptEvenBeforeTheAttachmentTrackerHasSeenTheListing() throws Exception {
        // The tracker marks photos attached asynchronously, from the listing events; hold it back, so the cleanup
        // runs in the window between the listing's photo check and that mark.
        EventProcessor tracker = bazaar.bean(EventProcessingConfiguration.class)
                .eventProcessor("media-attachments")
                .orElseThrow();
        User seller = bazaar.signUp("Rita Racer");
        String photo = bazaar.uploadPhoto(seller);
        URI object = presignedLocation(photo);
        tracker.shutDown();
        try {
            String listingId =
                    createDraft(bazaar.as(seller), List.of(photo)).path("id").asText();
            String edited = bazaar.uploadPhoto(seller);
            bazaar.as(seller)
                    .put()
                    .uri("/api/v1/listings/{id}", listingId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(listing(List.of(photo, edited)))
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();

            runCleanup();

            assertThat(findMedia(photo, edited)).hasSize(2);
            assertThat(fetch(object)).as("the listing's photo object").isEqualTo(200);
            bazaar.as(seller)
                    .post()
                    .uri("/api/v1/listings/{id}/publish", listingId)
                    .exchange()
                    .expectStatus()
                    .isNoContent();
        } finally {
            tracker.start();
        }
    }

    @Test
    void editingAListingAttachesItsNewPhotos() {
        User seller = bazaar.signUp("Eddie Editor");
        WebTestClient asSeller = bazaar.as(seller);
        String first = bazaar.uploadPhoto(seller);
        String added = bazaar.uploadPhoto(seller);
        String listingId = createDraft(asSeller, List.of(first)).path("id").asText();

        asSeller.put()
                .uri("/api/v1/listings/{id}", listingId)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(listing(List.of(first, added)))
                .exchange()
                .expectStatus()
                .is2xxSuccessful();

        await().atMost(Duration.ofSeconds(20)).until(() -> media(added).containsKey("attachedAt"));
        Object firstAttachedAt = media(first).get("attachedAt");
        runCleanup();
        assertThat(findMedia(first, added)).hasSize(2);
        assertThat(media(first).get("attachedAt"))
                .as("the first attachment time stays")
                .isEqualTo(firstAttachedAt);
    }

    @Test
    void anExpiredUploadUrlIsRefusedByStorage() throws InterruptedException {
        User seller = bazaar.signUp("Lena Late");
        byte[] jpeg = RunningBazaar.jpegBytes();
        RunningBazaar.Upload upload = bazaar.startUpload(seller, "image/jpeg", jpeg.length);
        Instant expiresAt = Instant.parse(upload.expiresAt());
        assertThat(Duration.between(Instant.now(), expiresAt)).isLessThanOrEqualTo(Duration.ofSeconds(3));

        // X-Amz-Date has whole seconds; one more second makes sure the server's clock is past the expiry too.
        Thread.sleep(Math.max(0, Duration.between(Instant.now(), expiresAt).toMillis()) + 1500);

        assertThat(bazaar.put(upload.uploadUrl(), "image/jpeg", jpeg)).isEqualTo(403);
        bazaar.as(seller)
                .post()
                .uri("/api/v1/media/{id}/complete", upload.id())
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("media-upload-missing");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode createDraft(WebTestClient asSeller, List<String> photoIds) {
        return asSeller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(listing(photoIds))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static Map<String, Object> listing(List<String> photoIds) {
        return Map.of(
                "title",
                "Denim jacket",
                "price",
                Map.of("amount", 2500, "currency", "EUR"),
                "category",
                "clothing",
                "condition",
                "good",
                "photoIds",
                photoIds);
    }

    /** Runs the cleanup job the way its schedule would, through the bean Spring scheduled. */
    private static void runCleanup() {
        ScheduledTask cleanup = bazaar.bean(ScheduledTaskHolder.class).getScheduledTasks().stream()
                // The runnable is wrapped for observation; its description names the scheduled method.
                .filter(task ->
                        task.getTask().getRunnable().toString().endsWith("UnusedUploadCleanup.deleteUnusedUploads"))
                .findFirst()
                .orElseThrow();
        cleanup.getTask().getRunnable().run();
    }

    private static Document media(String id) {
        return bazaar.bean(MongoTemplate.class)
                .getCollection("media")
                .find(new Document("_id", id))
                .first();
    }

    private static List<MediaSummary> findMedia(String... ids) {
        return bazaar.bean(QueryGateway.class)
                .query(new FindMedia(List.of(ids)), ResponseTypes.multipleInstancesOf(MediaSummary.class))
                .join();
    }

    /** Where {@code GET /media/{id}} sends a browser: a presigned URL of the object itself. */
    private static URI presignedLocation(String id) {
        return bazaar.http()
                .get()
                .uri("/media/{id}", id)
                .exchange()
                .expectStatus()
                .isFound()
                .returnResult(Void.class)
                .getResponseHeaders()
                .getLocation();
    }

    private static int fetch(URI url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
