package com.bazaar.app.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.Upload;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.seed.DemoPhotos;
import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Renditions end to end over real HTTP, against the real embedded S3 server and real JPEGs: completing an upload makes
 * a 320 px and a 1080 px wide JPEG beside the untouched original, they are served with a year-long immutable cache
 * header, the feed and the listing detail name every size, and bad images get a problem+json (docs/MEDIA.md).
 */
class RenditionsTest {

    private static final String IMMUTABLE = "public, max-age=31536000, immutable";

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User seller;
    private final HttpClient http =
            HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    @BeforeAll
    static void startBazaar() {
        // The keys MediaUploadsTest.s3Behind signs with, so this test can write into the bucket behind the app's back.
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.media.access-key=test-access",
                "--bazaar.media.secret-key=test-secret-key-for-the-embedded-s3",
                "--bazaar.media.max-pixels=25000000",
                "--bazaar.media.rendition-backfill-interval=1s");
        seller = bazaar.signUp("Rene Rendition");
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    @Test
    void aCompletedPhotoHasEverySizeNamedInTheFeedAndTheDetailAndServedForAYear() throws Exception {
        byte[] original = photo(2000, 1500);
        String photoId =
                uploadAndComplete("image/jpeg", original, 200).path("id").asText();
        String listingId = bazaar.publishedListing(seller, "Rendered jacket", 2500, photoId);

        JsonNode card = feedCard(listingId);
        String base = bazaar.baseUrl() + "/media/" + photoId;
        assertThat(card.at("/coverImageUrl").asText()).isEqualTo(base);
        assertThat(card.at("/coverImageUrls/original").asText()).isEqualTo(base);
        assertThat(card.at("/coverImageUrls/list").asText()).isEqualTo(base + "-w320.jpg");
        assertThat(card.at("/coverImageUrls/detail").asText()).isEqualTo(base + "-w1080.jpg");
        JsonNode detail = bazaar.http()
                .get()
                .uri("/api/v1/listings/{id}", listingId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(detail.at("/imageUrls/0").asText()).isEqualTo(base);
        assertThat(detail.at("/photos/0/id").asText()).isEqualTo(photoId);
        assertThat(detail.at("/photos/0/urls")).isEqualTo(card.at("/coverImageUrls"));

        HttpResponse<byte[]> list = get(card.at("/coverImageUrls/list").asText());
        HttpResponse<byte[]> large = get(detail.at("/photos/0/urls/detail").asText());
        HttpResponse<byte[]> untouched =
                get(detail.at("/photos/0/urls/original").asText());
        assertThat(dimensions(list)).containsExactly(320, 240);
        assertThat(dimensions(large)).containsExactly(1080, 810);
        for (HttpResponse<byte[]> rendition : List.of(list, large)) {
            assertThat(rendition.headers().firstValue(HttpHeaders.CACHE_CONTROL))
                    .hasValue(IMMUTABLE);
            assertThat(rendition.headers().firstValue(HttpHeaders.CONTENT_TYPE)).hasValue("image/jpeg");
        }
        assertThat(untouched.body()).isEqualTo(original);
        assertThat(untouched.headers().firstValue(HttpHeaders.CACHE_CONTROL)).isEmpty();
        assertThat(list.body().length).isLessThan(large.body().length).isLessThan(original.length / 4);
    }

    @Test
    void aSmallPhotoIsNeverUpscaledAndATransparentPngBecomesAJpegOnWhite() throws Exception {
        String small = uploadAndComplete("image/jpeg", RunningBazaar.jpegBytes(), 200)
                .path("id")
                .asText();
        assertThat(dimensions(get(bazaar.baseUrl() + "/media/" + small + "-w1080.jpg")))
                .containsExactly(8, 8);

        BufferedImage transparent = new BufferedImage(400, 200, BufferedImage.TYPE_INT_ARGB);
        String png = uploadAndComplete("image/png", encode(transparent, "png"), 200)
                .path("id")
                .asText();
        HttpResponse<byte[]> list = get(bazaar.baseUrl() + "/media/" + png + "-w320.jpg");
        BufferedImage listImage = ImageIO.read(new ByteArrayInputStream(list.body()));
        assertThat(List.of(listImage.getWidth(), listImage.getHeight())).containsExactly(320, 160);
        assertThat(listImage.getRGB(100, 100) & 0xffffff).isEqualTo(0xffffff);
    }

    @Test
    void aCompletionRetriedAfterANodeDiedHalfWayMakesTheRenditionsAgain() throws Exception {
        byte[] original = photo(1600, 1200);
        Upload upload = uploaded("image/jpeg", original);
        // What a node that died half-way leaves behind: one rendition written (here a broken one), the media PENDING.
        try (S3Client s3 = MediaUploadsTest.s3Behind(upload.uploadUrl())) {
            s3.putObject(
                    put -> put.bucket("bazaar-media")
                            .key("media/" + upload.id() + "-w320.jpg")
                            .contentType("image/jpeg"),
                    RequestBody.fromString("half"));
        }
        bazaar.http()
                .get()
                .uri("/media/{name}", upload.id() + "-w320.jpg")
                .exchange()
                .expectStatus()
                .isNotFound();

        complete(upload.id(), 200);

        assertThat(dimensions(get(bazaar.baseUrl() + "/media/" + upload.id() + "-w320.jpg")))
                .containsExactly(320, 240);
        assertThat(dimensions(get(bazaar.baseUrl() + "/media/" + upload.id() + "-w1080.jpg")))
                .containsExactly(1080, 810);
    }

    @Test
    void photosMadeReadyBeforeRenditionsExistedGetThemFromTheBackfill() throws Exception {
        Upload upload = uploaded("image/jpeg", photo(1600, 1200));
        complete(upload.id(), 200);
        // What an earlier version left behind: a READY photo with no renditions and no record of them.
        try (S3Client s3 = MediaUploadsTest.s3Behind(upload.uploadUrl())) {
            for (String size : List.of("-w320.jpg", "-w1080.jpg")) {
                s3.deleteObject(delete -> delete.bucket("bazaar-media").key("media/" + upload.id() + size));
            }
        }
        String list = bazaar.baseUrl() + "/media/" + upload.id() + "-w320.jpg";
        assertThat(http.send(
                                HttpRequest.newBuilder(URI.create(list)).GET().build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(404);
        bazaar.bean(MongoTemplate.class)
                .updateFirst(
                        Query.query(Criteria.where("_id").is(upload.id())),
                        new Update().unset("renditionsAt"),
                        "media");

        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(dimensions(get(list))).containsExactly(320, 240));
        assertThat(dimensions(get(bazaar.baseUrl() + "/media/" + upload.id() + "-w1080.jpg")))
                .containsExactly(1080, 810);
    }

    @Test
    void bytesThatAreNoPictureOrClaimTooManyPixelsGetAProblemAndStayPending() throws Exception {
        Upload html = uploaded("image/jpeg", "<html>not a photo</html>".getBytes(StandardCharsets.UTF_8));
        JsonNode notAnImage = complete(html.id(), 400);
        assertThat(notAnImage.path("type").asText()).endsWith("/problems/media-not-an-image");
        assertThat(notAnImage.path("status").asInt()).isEqualTo(400);
        bazaar.as(seller)
                .get()
                .uri("/api/v1/media/{id}", html.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PENDING");

        // 20,000 x 20,000 pixels (1.6 GB as a bitmap) in a few dozen bytes: refused from the header alone.
        JsonNode bomb = uploadAndComplete("image/png", pngClaiming(20_000, 20_000), 400);
        assertThat(bomb.path("code").asText()).isEqualTo("media-image-too-large");
        assertThat(bomb.path("detail").asText()).contains("20000 x 20000");

        JsonNode truncated = uploadAndComplete("image/jpeg", java.util.Arrays.copyOf(photo(800, 600), 600), 400);
        assertThat(truncated.path("code").asText()).isEqualTo("media-not-an-image");
        for (JsonNode problem : List.of(notAnImage, bomb, truncated)) {
            assertThat(problem.has("errors")).isTrue();
        }
    }

    @Test
    void aHeicPhotoNoJavaLibraryDecodesGetsCopiesOfTheOriginalUnderTheRenditionNames() throws Exception {
        byte[] heic = "....ftypheic not decodable here".getBytes(StandardCharsets.US_ASCII);
        String id = uploadAndComplete("image/heic", heic, 200).path("id").asText();
        HttpResponse<byte[]> list = get(bazaar.baseUrl() + "/media/" + id + "-w320.jpg");
        assertThat(list.body()).isEqualTo(heic);
        assertThat(list.headers().firstValue(HttpHeaders.CACHE_CONTROL)).hasValue(IMMUTABLE);
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode uploadAndComplete(String contentType, byte[] bytes, int expectedStatus) {
        return complete(uploaded(contentType, bytes).id(), expectedStatus);
    }

    private static Upload uploaded(String contentType, byte[] bytes) {
        Upload upload = bazaar.startUpload(seller, contentType, bytes.length);
        assertThat(bazaar.put(upload.uploadUrl(), contentType, bytes)).isEqualTo(200);
        return upload;
    }

    private static JsonNode complete(String id, int expectedStatus) {
        var answer = bazaar.as(seller)
                .post()
                .uri("/api/v1/media/{id}/complete", id)
                .exchange()
                .expectStatus()
                .isEqualTo(expectedStatus);
        if (expectedStatus >= 400) {
            answer.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        return answer.expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    /** The feed is a projection: the card appears once the publication has been projected. */
    private static JsonNode feedCard(String listingId) {
        return await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> {
                            JsonNode page = bazaar.http()
                                    .get()
                                    .uri("/api/v1/feed?sellerId={id}", seller.id())
                                    .exchange()
                                    .expectStatus()
                                    .isOk()
                                    .expectBody(JsonNode.class)
                                    .returnResult()
                                    .getResponseBody();
                            for (JsonNode item : page.path("items")) {
                                if (item.path("id").asText().equals(listingId)) {
                                    return item;
                                }
                            }
                            return null;
                        },
                        Objects::nonNull);
    }

    private HttpResponse<byte[]> get(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(
                HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).as("GET %s", url).isEqualTo(200);
        return response;
    }

    private static List<Integer> dimensions(HttpResponse<byte[]> response) throws IOException {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.body()));
        assertThat(image).as("a decodable image").isNotNull();
        return List.of(image.getWidth(), image.getHeight());
    }

    private static byte[] photo(int width, int height) {
        return DemoPhotos.camera(width, height, width + height);
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, bytes)).isTrue();
        return bytes.toByteArray();
    }

    /** A valid PNG header and IHDR chunk announcing {@code width x height} pixels, with no pixel data after it. */
    private static byte[] pngClaiming(int width, int height) {
        ByteBuffer ihdr = ByteBuffer.allocate(17)
                .put("IHDR".getBytes(StandardCharsets.US_ASCII))
                .putInt(width)
                .putInt(height)
                .put((byte) 8)
                .put((byte) 2)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0);
        CRC32 crc = new CRC32();
        crc.update(ihdr.array());
        return ByteBuffer.allocate(8 + 4 + 17 + 4)
                .put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'})
                .putInt(13)
                .put(ihdr.array())
                .putInt((int) crc.getValue())
                .array();
    }
}
