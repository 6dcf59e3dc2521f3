package com.bazaar.app.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.rsocket.RSocket;
import io.rsocket.exceptions.ConnectionErrorException;
import io.rsocket.exceptions.RejectedSetupException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.messaging.rsocket.RSocketRequester;
import reactor.core.publisher.Mono;

/**
 * Access tokens an attacker could present, over HTTP and as RSocket setup metadata. Each is built with the real server key where that makes the attack
 * stronger (a token that is genuinely ours except for one claim), and each must be refused with 401.
 */
class AccessTokenAttacksTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;
    private static User victim;
    private static ECKey serverKey;

    @BeforeAll
    static void start() throws Exception {
        bazaar = RunningBazaar.start(dataDir);
        victim = bazaar.signUp("Victim");
        Document stored = bazaar.bean(MongoTemplate.class)
                .getCollection("signing_keys")
                .find()
                .first();
        serverKey = ECKey.parse(stored.getString("jwk"));
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void aGenuineTokenWorksSoTheRefusalsBelowAreAboutTheirOneDefect() throws Exception {
        assertAccepted(sign(serverKey, claims(UnaryOperator.identity())));
    }

    @Test
    void aTokenWithAForgedSignatureIsRefused() throws Exception {
        String genuine = sign(serverKey, claims(UnaryOperator.identity()));
        String[] parts = genuine.split("\\.");
        // Same header and claims, but a payload naming another subject under the original signature.
        String otherPayload = Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                        claims(c -> c.subject("someone-else")).toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void aTokenSignedByAnotherKeyWithOurKidIsRefused() throws Exception {
        ECKey impostor =
                new ECKeyGenerator(Curve.P_256).keyID(serverKey.getKeyID()).generate();
        assertRefused(sign(impostor, claims(UnaryOperator.identity())));
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() throws Exception {
        assertRefused(new PlainJWT(claims(UnaryOperator.identity())).serialize());
    }

    @Test
    void anHmacTokenKeyedWithOurPublicKeyIsRefused() throws Exception {
        byte[] publicKeyAsSecret = serverKey.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8);
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.HS256)
                        .keyID(serverKey.getKeyID())
                        .build(),
                claims(UnaryOperator.identity()));
        jwt.sign(new MACSigner(publicKeyAsSecret));
        assertRefused(jwt.serialize());
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        assertRefused(sign(
                serverKey,
                claims(c -> c.issueTime(Date.from(past))
                        .notBeforeTime(Date.from(past))
                        .expirationTime(Date.from(past.plus(Duration.ofMinutes(15)))))));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(sign(serverKey, claims(c -> c.issuer("https://evil.example"))));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() throws Exception {
        assertRefused(sign(serverKey, claims(c -> c.audience("another-service"))));
    }

    @Test
    void aTokenWithAnUnknownKidIsRefused() throws Exception {
        ECKey unknown = new ECKeyGenerator(Curve.P_256)
                .keyID(UUID.randomUUID().toString())
                .generate();
        assertRefused(sign(unknown, claims(UnaryOperator.identity())));
    }

    @Test
    void garbageAndMissingSchemesAreRefused() {
        for (String header :
                List.of("Bearer not.a.jwt", "Bearer ", "Basic dmljdGltOnBhc3N3b3Jk", victim.accessToken())) {
            bazaar.http()
                    .get()
                    .uri("/api/v1/me")
                    .header(HttpHeaders.AUTHORIZATION, header)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        bazaar.http()
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .valueMatches(HttpHeaders.WWW_AUTHENTICATE, "Bearer.*");
    }

    private static JWTClaimsSet claims(UnaryOperator<JWTClaimsSet.Builder> change) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder()
                .issuer("bazaar")
                .audience("bazaar-app")
                .subject(victim.id())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(15))))
                .jwtID(UUID.randomUUID().toString())
                .claim("roles", List.of("SHOPPER", "ADMIN"));
        return change.apply(builder).build();
    }

    private static String sign(ECKey key, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

    private static void assertAccepted(String token) {
        bazaar.http()
                .get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(victim.id());
        RSocketRequester rsocket = bazaar.rsocket(token);
        try {
            JsonNode me = rsocket.route("me").retrieveMono(JsonNode.class).block(Duration.ofSeconds(10));
            assertThat(me.get("id").asText()).isEqualTo(victim.id());
        } finally {
            rsocket.dispose();
        }
    }

    @Test
    void anRSocketConnectionIsClosedWhenItsTokenExpires() throws Exception {
        Instant now = Instant.now();
        String shortLived = sign(serverKey, claims(c -> c.expirationTime(Date.from(now.plusSeconds(6)))));
        RSocketRequester rsocket = bazaar.rsocket(shortLived);
        try {
            JsonNode me = rsocket.route("me").retrieveMono(JsonNode.class).block(Duration.ofSeconds(10));
            assertThat(me.get("id").asText()).isEqualTo(victim.id());
            RSocket connection = rsocket.rsocketClient().source().block(Duration.ofSeconds(5));

            // The server closes this connection when the token expires (verification allows 60 s of clock skew, so a
            // new connection would still pass setup for a while: what matters is that this one ends).
            // The server's close reaches the client as a connection error frame.
            connection
                    .onClose()
                    .onErrorResume(ConnectionErrorException.class, closedByServer -> Mono.empty())
                    .block(Duration.ofSeconds(20));
            assertThat(connection.isDisposed()).isTrue();
        } finally {
            rsocket.dispose();
        }
    }

    @Test
    void anRSocketConnectionWithoutATokenIsRefusedAtSetup() {
        assertRSocketRefused(null);
    }

    private static void assertRSocketRefused(String token) {
        RSocketRequester rsocket = bazaar.rsocket(token);
        try {
            assertThatThrownBy(() ->
                            rsocket.route("me").retrieveMono(JsonNode.class).block(Duration.ofSeconds(10)))
                    .isInstanceOf(RejectedSetupException.class);
        } finally {
            rsocket.dispose();
        }
    }

    private static void assertRefused(String token) {
        byte[] body = bazaar.http()
                .get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(body, StandardCharsets.UTF_8)).contains("/problems/unauthenticated");
        // Admin claims in a refused token must not open admin endpoints either.
        bazaar.http()
                .get()
                .uri("/api/v1/admin/users/{id}", victim.id())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertRSocketRefused(token);
    }
}
