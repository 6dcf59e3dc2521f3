package com.bazaar.app.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.Upload;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.media.FindMedia;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.contracts.media.MediaSummary;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Photo uploads over real HTTP against the real application and its embedded S3-compatible server (s3proxy with
 * signature checks on): presigned PUT URLs bound to the declared type and length, completion checked against the
 * stored object, ownership, the FindMedia query the listing rules ask, and the public image redirect.
 */
class MediaUploadsTest {

    /** Known keys for the embedded server, so this test can also write to the bucket behind the app's back. */
    private static final String ACCESS_KEY = "test-access";

    private static final String SECRET_KEY = "test-secret-key-for-the-embedded-s3";

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User ann;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.media.access-key=" + ACCESS_KEY,
                "--bazaar.media.secret-key=" + SECRET_KEY,
                "--bazaar.media.max-bytes=1MB");
        ann = bazaar.signUp("Ann Uploader");
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void aPresignedPutWithTheDeclaredTypeAndSizeUploadsAndCompletionMakesTheMediaReady() {
        byte[] jpeg = RunningBazaar.jpegBytes();
        Upload upload = bazaar.startUpload(ann, "image/jpeg", jpeg.length);

        assertThat(upload.id()).matches("[0-9a-f-]{36}");
        assertThat(upload.uploadUrl().getQuery())
                .contains("X-Amz-Signature=")
                .contains("X-Amz-SignedHeaders=content-length;content-type;host");
        Duration validFor = Duration.between(Instant.now(), Instant.parse(upload.expiresAt()));
        assertThat(validFor).isBetween(Duration.ofMinutes(9), Duration.ofMinutes(10));

        assertThat(bazaar.put(upload.uploadUrl(), "image/jpeg", jpeg)).isEqualTo(200);
        JsonNode media = complete(ann, upload.id(), 200);

        assertThat(media.path("id").asText()).isEqualTo(upload.id());
        assertThat(media.path("status").asText()).isEqualTo("READY");
        assertThat(media.path("contentType").asText()).isEqualTo("image/jpeg");
        assertThat(media.path("size").asLong()).isEqualTo(jpeg.length);
        assertThat(media.path("url").asText()).isEqualTo(bazaar.baseUrl() + "/media/" + upload.id());

        // Completing again is harmless and answers the same.
        assertThat(complete(ann, upload.id(), 200)).isEqualTo(media);
    }

    @Test
    void aWrongTypeAndAnOversizeAreRefusedWithBothFieldsBeforeAnyUrlIsIssued() {
        long before = mediaCount();

        JsonNode problem = bazaar.as(ann)
                .post()
                .uri("/api/v1/media/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contentType", "application/pdf", "size", 1024 * 1024 + 1))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        assertThat(problem.path("type").asText()).isEqualTo("/problems/validation");
        assertThat(problem.has("uploadUrl")).isFalse();
        assertThat(fields(problem)).containsExactly("contentType", "size");
        assertThat(problem.at("/errors/1/message").asText()).isEqualTo("must be at most 1048576 bytes");
        assertThat(mediaCount()).as("no media record for a refused request").isEqualTo(before);

        for (String type : List.of("image/jpeg", "image/png", "image/heic", "image/webp")) {
            bazaar.startUpload(ann, type, 1024 * 1024);
        }
        JsonNode empty = bazaar.as(ann)
                .post()
                .uri("/api/v1/media/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("size", 0))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(fields(empty)).containsExactly("contentType", "size");
    }

    @Test
    void theStorageServerRefusesAPutWhoseTypeOrLengthDiffersFromTheSignedOnes() {
        byte[] jpeg = RunningBazaar.jpegBytes();
        Upload upload = bazaar.startUpload(ann, "image/jpeg", jpeg.length);

        assertThat(bazaar.put(upload.uploadUrl(), "image/png", jpeg)).isEqualTo(403);
        assertThat(bazaar.put(upload.uploadUrl(), "text/html", jpeg)).isEqualTo(403);
        assertThat(bazaar.put(upload.uploadUrl(), "image/jpeg", Arrays.copyOf(jpeg, jpeg.length + 1)))
                .isEqualTo(403);
        assertThat(bazaar.put(upload.uploadUrl(), "image/jpeg", Arrays.copyOf(jpeg, jpeg.length - 1)))
                .isEqualTo(403);
        // A tampered signature or another key is refused too: the server really checks signatures.
        URI tampered = tamperedSignature(upload.uploadUrl());
        assertThat(bazaar.put(tampered, "image/jpeg", jpeg)).isEqualTo(403);
        URI otherKey = URI.create(upload.uploadUrl().toString().replace(upload.id() + "?", upload.id() + "x?"));
        assertThat(bazaar.put(otherKey, "image/jpeg", jpeg)).isEqualTo(403);

        // Nothing was stored by the refused attempts.
        assertThat(complete(ann, upload.id(), 409).path("code").asText()).isEqualTo("media-upload-missing");
        assertThat(bazaar.put(upload.uploadUrl(), "image/jpeg", jpeg)).isEqualTo(200);
        complete(ann, upload.id(), 200);
    }

    /** The same URL with the signature's first hex digit changed (always to a different one). */
    private static URI tamperedSignature(URI url) {
        String text = url.toString();
        int at = text.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char other = text.charAt(at) == '0' ? '1' : '0';
        return URI.create(text.substring(0, at) + other + text.substring(at + 1));
    }

    @Test
    void completingBeforeTheUploadIsAnUploadMissingConflictAndTheMediaStaysPending() {
        String id = bazaar.startUpload(ann);

        JsonNode problem = complete(ann, id, 409);

        assertThat(problem.path("type").asText()).isEqualTo("/problems/media-upload-missing");
        assertThat(problem.path("code").asText()).isEqualTo("media-upload-missing");
        assertThat(findMedia(id)).containsExactly(new MediaSummary(id, ann.id(), MediaStatus.PENDING));
    }

    @Test
    void anObjectOfAnotherSizeOrTypeThanDeclaredIsAnUploadMismatchConflict() {
        // The presigned URL cannot store a wrong object (see above), so write one straight into the bucket.
        byte[] jpeg = RunningBazaar.jpegBytes();
        Upload wrongSize = bazaar.startUpload(ann, "image/jpeg", jpeg.length + 10);
        Upload wrongType = bazaar.startUpload(ann, "image/png", jpeg.length);
        try (S3Client s3 = s3Behind(wrongSize.uploadUrl())) {
            for (Upload upload : List.of(wrongSize, wrongType)) {
                s3.putObject(
                        put -> put.bucket("bazaar-media")
                                .key("media/" + upload.id())
                                .contentType("image/jpeg"),
                        RequestBody.fromBytes(jpeg));
            }
        }

        assertThat(complete(ann, wrongSize.id(), 409).path("code").asText()).isEqualTo("media-upload-mismatch");
        assertThat(complete(ann, wrongType.id(), 409).path("type").asText())
                .isEqualTo("/problems/media-upload-mismatch");
        assertThat(findMedia(wrongSize.id()).get(0).status()).isEqualTo(MediaStatus.PENDING);
    }

    @Test
    void someoneElsesMediaIsNotFoundLikeAnUnknownId() {
        String annsUpload = bazaar.uploadPhoto(ann);
        User bob = bazaar.signUp("Bob Prober");

        JsonNode foreign = complete(bob, annsUpload, 404);
        JsonNode unknown = complete(bob, "0b0b0b0b-0000-0000-0000-000000000000", 404);

        assertThat(foreign.path("code").asText()).isEqualTo("media-not-found");
        assertThat(unknown.path("code").asText()).isEqualTo("media-not-found");
        bazaar.as(bob)
                .get()
                .uri("/api/v1/media/{id}", annsUpload)
                .exchange()
                .expectStatus()
                .isNotFound();
        bazaar.as(ann)
                .get()
                .uri("/api/v1/media/{id}", annsUpload)
                .exchange()
                .expectStatus()
                .isOk();
        // Anonymous callers cannot use the upload API at all.
        bazaar.http()
                .post()
                .uri("/api/v1/media/uploads")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("contentType", "image/jpeg", "size", 10))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void findMediaAnswersOwnerAndStatusOfTheIdsThatExist() {
        String ready = bazaar.uploadPhoto(ann);
        String pending = bazaar.startUpload(ann);

        List<MediaSummary> found = findMedia(ready, pending, "no-such-media");

        assertThat(found)
                .containsExactlyInAnyOrder(
                        new MediaSummary(ready, ann.id(), MediaStatus.READY),
                        new MediaSummary(pending, ann.id(), MediaStatus.PENDING));
        assertThat(findMedia()).isEmpty();
    }

    @Test
    void thePublicImageUrlRedirectsToTheStoredBytesOfReadyMediaOnly() throws Exception {
        String ready = bazaar.uploadPhoto(ann);
        String pending = bazaar.startUpload(ann);
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();

        HttpResponse<Void> redirect = client.send(
                HttpRequest.newBuilder(URI.create(bazaar.baseUrl() + "/media/" + ready))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        URI location =
                URI.create(redirect.headers().firstValue(HttpHeaders.LOCATION).orElseThrow());
        assertThat(location.getQuery()).contains("X-Amz-Signature=").contains("X-Amz-Expires=300");

        HttpResponse<byte[]> image =
                client.send(HttpRequest.newBuilder(location).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(image.statusCode()).isEqualTo(200);
        assertThat(image.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(image.body()).isEqualTo(RunningBazaar.jpegBytes());

        bazaar.http()
                .get()
                .uri("/media/{id}", pending)
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("media-not-found");
        bazaar.http()
                .get()
                .uri("/media/{id}", "no-such-media")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode complete(User user, String id, int expectedStatus) {
        return bazaar.as(user)
                .post()
                .uri("/api/v1/media/{id}/complete", id)
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus)
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static List<MediaSummary> findMedia(String... ids) {
        return bazaar.bean(QueryGateway.class)
                .query(new FindMedia(List.of(ids)), ResponseTypes.multipleInstancesOf(MediaSummary.class))
                .join();
    }

    private static List<String> fields(JsonNode problem) {
        return problem.path("errors").findValuesAsText("field");
    }

    private static long mediaCount() {
        return bazaar.bean(MongoTemplate.class).getCollection("media").countDocuments();
    }

    /** An S3 client for the embedded server the app runs, found through the URLs it hands out. */
    static S3Client s3Behind(URI presignedUrl) {
        return S3Client.builder()
                .endpointOverride(URI.create(presignedUrl.getScheme() + "://" + presignedUrl.getAuthority()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }
}
