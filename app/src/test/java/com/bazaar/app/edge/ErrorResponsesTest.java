package com.bazaar.app.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.ListingDetails;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The HTTP edge's failure answers over real HTTP against the real application: every failure is an RFC 9457
 * {@code application/problem+json} document with the documented {@code type}, the matching {@code status}, the
 * request path as {@code instance} and an {@code errors[]} list naming every field to blame (docs/API.md, "Errors").
 * Every answer in this class is also checked not to be a 500.
 */
class ErrorResponsesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    /** Writes need an account; reads of the public catalogue stay anonymous. */
    private static WebTestClient seller;

    private static RunningBazaar.User sellerAccount;

    @BeforeAll
    static void startBazaar() {
        bazaar = RunningBazaar.start(dataDir);
        sellerAccount = bazaar.signUp("Edge Seller");
        seller = bazaar.as(sellerAccount);
    }

    @AfterAll
    static void stopBazaar() {
        if (bazaar != null) {
            bazaar.close();
        }
    }

    // ---------------------------------------------------------------- POST /api/v1/listings: body validation

    @Test
    void creatingAListingWithEveryFieldWrongListsAllFiveFieldsAtOnce() {
        Answer answer = postListing("""
                {"title": "", "description": "fine",
                 "price": {"amount": -5, "currency": "eur"},
                 "category": "cars", "condition": "broken"}
                """);

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer))
                .containsExactlyInAnyOrder("title", "price.amount", "price.currency", "category", "condition");
        assertThat(answer.body().get("errors"))
                .allSatisfy(error -> assertThat(error.path("message").asText())
                        .as("message of %s", error)
                        .isNotBlank());
        assertThat(messageOf(answer, "category")).contains("clothing");
        assertThat(messageOf(answer, "condition")).contains("like_new");
    }

    @Test
    void creatingAListingFromAnEmptyObjectNamesEveryRequiredField() {
        Answer answer = postListing("{}");

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactlyInAnyOrder("title", "price", "category", "condition");
    }

    @Test
    void aPriceWithoutAmountAndCurrencyNamesBothNestedFields() {
        Answer answer = postListing(validListing(Map.of("price", Map.of())));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactlyInAnyOrder("price.amount", "price.currency");
    }

    /** A lone surrogate is valid JSON but not text: password hashing failed on it with a 500. */
    @Test
    void aPasswordWithALoneSurrogateIsAValidationProblemNamingIt() {
        Answer answer = send(bazaar.http()
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"someone@example.com\", \"password\": \"abc\\ud800def\"}"));

        assertValidationProblem(answer, "/api/v1/auth/login");
        assertThat(fields(answer)).containsExactly("password");
    }

    /** Strict JSON: a number is not a display name (it used to be stored as "123"). */
    @Test
    void aNumberWhereAStringBelongsNamesTheField() {
        Answer answer = send(seller.patch()
                .uri("/api/v1/me")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"displayName\": 123}"));

        assertValidationProblem(answer, "/api/v1/me");
        assertThat(fields(answer)).containsExactly("displayName");
        assertThat(messageOf(answer, "displayName")).isEqualTo("must be a string");
    }

    /** Spring Security's firewall refuses such URLs before any route; the answer is still a problem. */
    @ParameterizedTest(name = "path {0}")
    @ValueSource(strings = {"/api/v1/listings/%00", "/api/v1/listings/..%2F..%2Factuator"})
    void aUrlTheFirewallRefusesIsABadRequestProblem(String path) {
        Answer answer = send(bazaar.http().get().uri(URI.create(bazaar.baseUrl() + path)));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.body().path("type").asText()).isEqualTo("/problems/bad-request");
    }

    @ParameterizedTest(name = "body {0}")
    @ValueSource(strings = {"{\"title\": ", "not json at all", "{\"title\": \"Lamp\",}", "{'title': 'Lamp'}"})
    void aBodyThatIsNotJsonIsAMalformedJsonProblem(String body) {
        Answer answer = postListing(body);

        assertProblem(answer, 400, "/problems/malformed-json", "/api/v1/listings");
        assertThat(fields(answer)).isEmpty();
    }

    @Test
    void aStringWhereTheAmountMustBeANumberNamesPriceAmount() {
        Answer answer = postListing(validListing(Map.of("price", Map.of("amount", "abc", "currency", "EUR"))));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactly("price.amount");
    }

    @Test
    void aFractionalAmountIsRejectedRatherThanTruncatedBecauseAmountsAreWholeMinorUnits() {
        Answer answer = postListing(validListing(Map.of("price", Map.of("amount", 25.99, "currency", "EUR"))));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactly("price.amount");
    }

    @ParameterizedTest(name = "amount {0}")
    @ValueSource(longs = {0, -1, Money.MAX_AMOUNT + 1})
    void anAmountOutsideOneToTheMaximumNamesPriceAmount(long amount) {
        Answer answer = postListing(validListing(Map.of("price", Map.of("amount", amount, "currency", "EUR"))));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactly("price.amount");
    }

    @ParameterizedTest(name = "currency {0}")
    @ValueSource(strings = {"XYZ", "eur", "EURO", "E1R", ""})
    void aCurrencyThatIsNotAnUpperCaseIsoCodeNamesPriceCurrency(String currency) {
        Answer answer = postListing(validListing(Map.of("price", Map.of("amount", 2500, "currency", currency))));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactly("price.currency");
    }

    @Test
    void aTitleOf121CharactersNamesTitleWhile120AreAccepted() {
        Answer tooLong = postListing(validListing(Map.of("title", "t".repeat(121))));
        assertValidationProblem(tooLong, "/api/v1/listings");
        assertThat(fields(tooLong)).containsExactly("title");

        Answer longest = postListing(validListing(Map.of("title", "t".repeat(120))));
        assertThat(longest.status()).isEqualTo(201);
        assertThat(longest.body().path("id").asText()).matches(UUID_PATTERN);
    }

    @Test
    void aDescriptionOver5000CharactersNamesDescription() {
        Answer answer = postListing(validListing(Map.of("description", "d".repeat(5001))));

        assertValidationProblem(answer, "/api/v1/listings");
        assertThat(fields(answer)).containsExactly("description");
    }

    @Test
    void aBodyInAnUnsupportedContentTypeIsA415Problem() {
        Answer answer = send(seller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(validListing(Map.of())));

        assertProblem(answer, 415, "about:blank", "/api/v1/listings");
        assertThat(fields(answer)).isEmpty();
    }

    @ParameterizedTest(name = "body [{0}]")
    @ValueSource(strings = {"", "null"})
    void aCreationWithoutBodyIsA400Problem(String body) {
        Answer answer = postListing(body);

        assertThat(answer.status()).isEqualTo(400);
        assertProblem(answer, 400, "/problems/invalid-body", "/api/v1/listings");
    }

    // ---------------------------------------------------------------- POST /api/v1/listings/{id}/publish

    @Test
    void publishingAnUnknownListingIsA404Problem() {
        String unknown = UUID.randomUUID().toString();
        Answer answer = publish(unknown);

        assertProblem(answer, 404, "/problems/listing-not-found", "/api/v1/listings/" + unknown + "/publish");
        assertThat(fields(answer)).isEmpty();
    }

    /**
     * docs/ARCHITECTURE.md, decision 4: someone else's listing answers 404 "so ids cannot be probed". That only holds
     * if the answer for someone else's listing cannot be told apart from the answer for an id that does not exist.
     */
    @Test
    void publishingSomeoneElsesListingCannotBeToldApartFromPublishingAnUnknownOne() {
        String foreign = UUID.randomUUID().toString();
        bazaar.bean(CommandGateway.class)
                .sendAndWait(new CreateListingDraft(
                        foreign,
                        "someone-else",
                        details("Their bike", new Money(15000, "EUR"), Category.SPORTS, Condition.GOOD)));
        String unknown = UUID.randomUUID().toString();

        Answer foreignAnswer = publish(foreign);
        Answer unknownAnswer = publish(unknown);

        assertProblem(foreignAnswer, 404, "/problems/listing-not-found", "/api/v1/listings/" + foreign + "/publish");
        assertProblem(unknownAnswer, 404, "/problems/listing-not-found", "/api/v1/listings/" + unknown + "/publish");
        assertThat(withoutIdAndInstance(unknownAnswer.body(), unknown))
                .as("answer for an unknown id compared with the answer for someone else's listing")
                .isEqualTo(withoutIdAndInstance(foreignAnswer.body(), foreign));
    }

    @Test
    void readingSomeoneElsesDraftCannotBeToldApartFromReadingAnUnknownListing() {
        String foreign = UUID.randomUUID().toString();
        bazaar.bean(CommandGateway.class)
                .sendAndWait(new CreateListingDraft(
                        foreign,
                        "someone-else",
                        details("Their lamp", new Money(900, "EUR"), Category.HOME, Condition.FAIR)));
        // Only meaningful once the draft is in the read model: before that it is unknown to the query side too.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bazaar.bean(MongoTemplate.class)
                                .getCollection("listing_details")
                                .countDocuments(new Document("_id", foreign))
                        == 1);
        String unknown = UUID.randomUUID().toString();

        Answer foreignAnswer = send(bazaar.http().get().uri("/api/v1/listings/{id}", foreign));
        Answer unknownAnswer = send(bazaar.http().get().uri("/api/v1/listings/{id}", unknown));

        assertProblem(foreignAnswer, 404, "/problems/listing-not-found", "/api/v1/listings/" + foreign);
        assertProblem(unknownAnswer, 404, "/problems/listing-not-found", "/api/v1/listings/" + unknown);
        assertThat(withoutIdAndInstance(unknownAnswer.body(), unknown))
                .isEqualTo(withoutIdAndInstance(foreignAnswer.body(), foreign));
    }

    @Test
    void publishingAListingTwiceIsAListingAlreadyPublishedConflict() {
        String id = createListing();
        assertThat(publish(id).status()).isEqualTo(204);

        Answer again = publish(id);

        assertProblem(again, 409, "/problems/listing-already-published", "/api/v1/listings/" + id + "/publish");
        assertThat(again.body().path("code").asText()).isEqualTo("listing-already-published");
        assertThat(again.body().path("detail").asText()).contains(id);
        assertThat(fields(again)).isEmpty();
    }

    // ---------------------------------------------------------------- GET /api/v1/listings/{id}

    @Test
    void readingAnUnknownListingIsAListingNotFoundProblem() {
        String unknown = UUID.randomUUID().toString();
        Answer answer = send(bazaar.http().get().uri("/api/v1/listings/{id}", unknown));

        assertProblem(answer, 404, "/problems/listing-not-found", "/api/v1/listings/" + unknown);
        assertThat(answer.body().path("code").asText()).isEqualTo("listing-not-found");
        assertThat(fields(answer)).isEmpty();
    }

    // ---------------------------------------------------------------- GET /api/v1/feed

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "99999999999"})
    void aFeedLimitOutsideOneToOneHundredNamesLimit(String limit) {
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed?limit={limit}", limit));

        assertValidationProblem(answer, "/api/v1/feed");
        assertThat(fields(answer)).containsExactly("limit");
    }

    @ParameterizedTest(name = "limit={0}")
    @ValueSource(ints = {1, 100})
    void theFeedAcceptsTheBoundaryLimits(int limit) {
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed?limit={limit}", limit));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body().path("items").isArray()).isTrue();
    }

    static Stream<String> cursorsNeverHandedOut() {
        return Stream.of(
                "garbage",
                "!!!not-base64!!!",
                encode("v1|not-a-number|id"),
                encode("v2|1700000000000|id"),
                encode("v1|1700000000000|"),
                encode("v1|1700000000000"));
    }

    @ParameterizedTest(name = "cursor={0}")
    @MethodSource("cursorsNeverHandedOut")
    void aCursorThisServiceDidNotHandOutNamesCursor(String cursor) {
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed?limit=5&cursor={cursor}", cursor));

        assertValidationProblem(answer, "/api/v1/feed");
        assertThat(fields(answer)).containsExactly("cursor");
    }

    // ---------------------------------------------------------------- routing and media types

    @Test
    void anUnknownRouteIsA404Problem() {
        Answer answer = send(seller.get().uri("/api/v1/no-such-thing"));

        assertProblem(answer, 404, "about:blank", "/api/v1/no-such-thing");
        assertThat(fields(answer)).isEmpty();
    }

    @Test
    void aWrongMethodIsA405Problem() {
        String id = UUID.randomUUID().toString();
        Answer answer = send(seller.method(HttpMethod.DELETE).uri("/api/v1/listings/{id}", id));

        assertProblem(answer, 405, "about:blank", "/api/v1/listings/" + id);
        assertThat(fields(answer)).isEmpty();
    }

    @Test
    void anUnacceptableMediaTypeIsA406Problem() {
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed").accept(MediaType.APPLICATION_XML));

        assertProblem(answer, 406, "about:blank", "/api/v1/feed");
        assertThat(fields(answer)).isEmpty();
    }

    // ---------------------------------------------------------------- X-Request-Id

    @Test
    void aWellFormedClientRequestIdIsEchoedOnSuccessAndOnFailure() {
        String requestId = "mobile-42.retry_1:abc";
        Answer ok = send(bazaar.http().get().uri("/api/v1/feed").header("X-Request-Id", requestId));
        Answer failed = send(bazaar.http().get().uri("/api/v1/feed?limit=0").header("X-Request-Id", requestId));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.headers().get("X-Request-Id")).containsExactly(requestId);
        assertThat(failed.status()).isEqualTo(400);
        assertThat(failed.headers().get("X-Request-Id")).containsExactly(requestId);
    }

    @Test
    void aRequestIdOf128SafeCharactersIsEchoed() {
        String requestId = "a".repeat(128);
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed").header("X-Request-Id", requestId));

        assertThat(answer.headers().get("X-Request-Id")).containsExactly(requestId);
    }

    @Test
    void aRequestWithoutRequestIdGetsAGeneratedOneEvenWhenItFails() {
        Answer first = send(bazaar.http().get().uri("/api/v1/feed"));
        Answer second = send(seller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}"));

        assertThat(first.headers().get("X-Request-Id"))
                .singleElement()
                .asString()
                .matches(UUID_PATTERN);
        assertThat(second.status()).isEqualTo(400);
        assertThat(second.headers().get("X-Request-Id"))
                .singleElement()
                .asString()
                .matches(UUID_PATTERN);
        assertThat(second.headers().getFirst("X-Request-Id"))
                .isNotEqualTo(first.headers().getFirst("X-Request-Id"));
    }

    static Stream<String> unsafeRequestIds() {
        return Stream.of(
                "has spaces in it",
                "semi;colon",
                "<script>alert(1)</script>",
                "quote\"d",
                "a/b",
                "${jndi:ldap://x}",
                "r".repeat(129),
                "r".repeat(200));
    }

    @ParameterizedTest(name = "[{index}] unsafe request id")
    @MethodSource("unsafeRequestIds")
    void anUnsafeRequestIdIsReplacedByAGeneratedOne(String unsafe) {
        Answer answer = send(bazaar.http().get().uri("/api/v1/feed").header("X-Request-Id", unsafe));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().get("X-Request-Id"))
                .singleElement()
                .asString()
                .isNotEqualTo(unsafe)
                .matches(UUID_PATTERN);
    }

    // ---------------------------------------------------------------- helpers

    /** One HTTP answer, already checked not to be a 500. */
    record Answer(int status, HttpHeaders headers, JsonNode body, String path) {}

    private static Answer send(WebTestClient.RequestHeadersSpec<?> request) {
        EntityExchangeResult<byte[]> result = request.exchange().expectBody().returnResult();
        int status = result.getStatus().value();
        byte[] bytes = result.getResponseBody();
        String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
        assertThat(status)
                .as("%s %s answered %s: %s", result.getMethod(), result.getUrl(), status, text)
                .isNotEqualTo(500);
        JsonNode body;
        try {
            body = text.isBlank() ? JSON.missingNode() : JSON.readTree(text);
        } catch (IOException notJson) {
            throw new AssertionError(
                    result.getMethod() + " " + result.getUrl() + " answered " + status
                            + " with a body that is not JSON: " + text,
                    notJson);
        }
        return new Answer(
                status, result.getResponseHeaders(), body, result.getUrl().getRawPath());
    }

    private static Answer postListing(String body) {
        return send(seller.post()
                .uri("/api/v1/listings")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body));
    }

    private static Answer publish(String id) {
        return send(seller.post().uri("/api/v1/listings/{id}/publish", id));
    }

    /** Another seller's draft without photos, sent on the command bus as their app would have created it. */
    private static ListingDetails details(String title, Money price, Category category, Condition condition) {
        return new ListingDetails(
                title, "", price, new Money(0, price.currency()), category, condition, null, null, null, List.of());
    }

    /** A draft with one uploaded photo, so that it can be published. */
    private static String createListing() {
        Answer created = postListing(validListing(Map.of("photoIds", List.of(bazaar.uploadPhoto(sellerAccount)))));
        assertThat(created.status()).as("create: %s", created.body()).isEqualTo(201);
        return created.body().path("id").asText();
    }

    /** A valid creation body with some top-level fields replaced. */
    private static String validListing(Map<String, Object> overrides) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Reading lamp");
        body.put("description", "Brass, works");
        body.put("price", Map.of("amount", 2500, "currency", "EUR"));
        body.put("category", "home");
        body.put("condition", "good");
        body.putAll(overrides);
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertValidationProblem(Answer answer, String path) {
        assertProblem(answer, 400, "/problems/validation", path);
        assertThat(fields(answer)).as("errors[] of %s", answer.body()).isNotEmpty();
    }

    private static void assertProblem(Answer answer, int status, String type, String instance) {
        assertThat(answer.status())
                .as("status of %s %s", answer.path(), answer.body())
                .isEqualTo(status);
        MediaType contentType = answer.headers().getContentType();
        assertThat(contentType).as("Content-Type of %s", answer.path()).isNotNull();
        assertThat(contentType.getType() + "/" + contentType.getSubtype()).isEqualTo("application/problem+json");
        JsonNode body = answer.body();
        assertThat(body.path("type").asText()).as("type in %s", body).isEqualTo(type);
        assertThat(body.path("status").isInt()).as("status in %s", body).isTrue();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("title").asText()).as("title in %s", body).isNotBlank();
        assertThat(body.path("instance").asText()).as("instance in %s", body).isEqualTo(instance);
        assertThat(body.path("errors").isArray())
                .as("errors[] is always present: %s", body)
                .isTrue();
        assertThat(answer.headers().getFirst("X-Request-Id"))
                .as("request id to quote")
                .isNotBlank();
    }

    private static List<String> fields(Answer answer) {
        List<String> fields = new ArrayList<>();
        answer.body()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        return fields;
    }

    private static String messageOf(Answer answer, String field) {
        for (JsonNode error : answer.body().path("errors")) {
            if (field.equals(error.path("field").asText())) {
                return error.path("message").asText();
            }
        }
        throw new AssertionError("no error for " + field + " in " + answer.body());
    }

    /** The problem document with the resource id masked and the (necessarily different) instance removed. */
    private static Map<String, String> withoutIdAndInstance(JsonNode problem, String id) {
        Map<String, String> masked = new LinkedHashMap<>();
        problem.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("instance")) {
                masked.put(field.getKey(), field.getValue().toString().replace(id, "<id>"));
            }
        });
        return masked;
    }

    private static String encode(String rawCursor) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(rawCursor.getBytes(StandardCharsets.UTF_8));
    }
}
