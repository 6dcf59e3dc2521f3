package com.bazaar.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sign in with Apple against a stand-in for Apple's key endpoint: a real HTTP server on loopback serving a JWKS of
 * locally generated RSA keys, and identity tokens signed RS256 with them exactly as Apple signs its own.
 */
class AppleSignInTest {

    private static final String BUNDLE_ID = "com.bazaar.app";
    private static final String APPLE = "https://appleid.apple.com";

    @TempDir
    static Path dataDir;

    private static HttpServer appleKeys;
    private static final List<RSAKey> publishedKeys = new CopyOnWriteArrayList<>();
    private static final AtomicInteger jwksFetches = new AtomicInteger();
    private static RSAKey appleKey;
    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() throws Exception {
        appleKey = new RSAKeyGenerator(2048).keyID("apple-key-1").generate();
        publishedKeys.add(appleKey);
        appleKeys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        appleKeys.createContext("/auth/keys", exchange -> {
            jwksFetches.incrementAndGet();
            byte[] body = new JWKSet(publishedKeys.stream()
                            .map(key -> (JWK) key.toPublicJWK())
                            .toList())
                    .toString()
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        appleKeys.start();
        bazaar = RunningBazaar.start(
                dataDir,
                "--bazaar.auth.apple.jwks-uri=http://127.0.0.1:"
                        + appleKeys.getAddress().getPort() + "/auth/keys",
                "--bazaar.auth.apple.client-id=" + BUNDLE_ID);
    }

    @AfterAll
    static void stop() {
        bazaar.close();
        appleKeys.stop(0);
    }

    @Test
    void aValidTokenCreatesTheAccountOnceAndFindsItLater() throws Exception {
        String subject = "001234." + UUID.randomUUID();
        String nonce = UUID.randomUUID().toString();
        JsonNode first = signIn(token(appleKey, subject, sha256(nonce), UnaryOperator.identity()), nonce, "Hana")
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode me = me(first.get("accessToken").asText());
        assertThat(me.get("displayName").asText()).isEqualTo("Hana");
        assertThat(me.get("email").asText()).isEqualTo(subject.substring(7, 15) + "@privaterelay.appleid.com");

        String secondNonce = UUID.randomUUID().toString();
        JsonNode second = signIn(
                        token(appleKey, subject, sha256(secondNonce), UnaryOperator.identity()), secondNonce, null)
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(me(second.get("accessToken").asText()).get("id")).isEqualTo(me.get("id"));
    }

    @Test
    void aTokenForAnotherAppIsRefused() throws Exception {
        String nonce = UUID.randomUUID().toString();
        assertRefused(signIn(token(appleKey, "sub-aud", sha256(nonce), c -> c.audience("com.other.app")), nonce, null));
    }

    @Test
    void aTokenWhoseNonceIsNotTheHashOfOursIsRefused() throws Exception {
        String nonce = UUID.randomUUID().toString();
        assertRefused(
                signIn(token(appleKey, "sub-nonce", sha256("another attempt"), UnaryOperator.identity()), nonce, null));
        // The raw nonce in the token (instead of its hash) does not pass either.
        assertRefused(signIn(token(appleKey, "sub-nonce", nonce, UnaryOperator.identity()), nonce, null));
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        String nonce = UUID.randomUUID().toString();
        Instant past = Instant.now().minus(Duration.ofHours(3));
        assertRefused(signIn(
                token(
                        appleKey,
                        "sub-expired",
                        sha256(nonce),
                        c -> c.issueTime(Date.from(past)).expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))),
                nonce,
                null));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        String nonce = UUID.randomUUID().toString();
        assertRefused(
                signIn(token(appleKey, "sub-iss", sha256(nonce), c -> c.issuer("https://evil.example")), nonce, null));
    }

    @Test
    void aTokenSignedByAKeyAppleDoesNotPublishIsRefused() throws Exception {
        RSAKey stranger = new RSAKeyGenerator(2048).keyID("not-apples").generate();
        String nonce = UUID.randomUUID().toString();
        assertRefused(signIn(token(stranger, "sub-stranger", sha256(nonce), UnaryOperator.identity()), nonce, null));
        // Same kid as Apple's key, other key material: the signature check catches it.
        RSAKey impostor = new RSAKeyGenerator(2048).keyID(appleKey.getKeyID()).generate();
        assertRefused(signIn(token(impostor, "sub-impostor", sha256(nonce), UnaryOperator.identity()), nonce, null));
    }

    @Test
    void whenAppleRotatesItsKeysTheNewKidIsFetchedAndAccepted() throws Exception {
        String nonce = UUID.randomUUID().toString();
        signIn(token(appleKey, "sub-before-rotation", sha256(nonce), UnaryOperator.identity()), nonce, null)
                .expectStatus()
                .isOk();
        int fetchesBefore = jwksFetches.get();

        RSAKey rotated = new RSAKeyGenerator(2048).keyID("apple-key-2").generate();
        publishedKeys.add(rotated);
        String newNonce = UUID.randomUUID().toString();
        signIn(token(rotated, "sub-after-rotation", sha256(newNonce), UnaryOperator.identity()), newNonce, null)
                .expectStatus()
                .isOk();

        assertThat(jwksFetches.get())
                .as("the unknown kid made the server fetch Apple's keys again")
                .isGreaterThan(fetchesBefore);
    }

    private static String token(
            RSAKey key, String subject, String nonceClaim, UnaryOperator<JWTClaimsSet.Builder> change)
            throws Exception {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(APPLE)
                .audience(BUNDLE_ID)
                .subject(subject)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(10))))
                .claim("nonce", nonceClaim)
                .claim("nonce_supported", true)
                .claim(
                        "email",
                        subject.length() > 15
                                ? subject.substring(7, 15) + "@privaterelay.appleid.com"
                                : subject + "@privaterelay.appleid.com")
                .claim("email_verified", "true");
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                change.apply(claims).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static WebTestClient.ResponseSpec signIn(String identityToken, String nonce, String displayName) {
        Map<String, Object> body = new HashMap<>(Map.of("identityToken", identityToken, "nonce", nonce));
        if (displayName != null) {
            body.put("displayName", displayName);
        }
        return bazaar.http()
                .post()
                .uri("/api/v1/auth/apple")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static void assertRefused(WebTestClient.ResponseSpec answer) {
        answer.expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-apple-token");
    }

    private static JsonNode me(String accessToken) {
        return bazaar.http()
                .get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }
}
