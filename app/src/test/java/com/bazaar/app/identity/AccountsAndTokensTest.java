package com.bazaar.app.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.identity.AccountRegistered;
import com.bazaar.contracts.identity.DisplayNameChanged;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Accounts and tokens over real HTTP against the running application. */
class AccountsAndTokensTest {

    @TempDir
    static Path dataDir;

    private static RunningBazaar bazaar;

    @BeforeAll
    static void start() {
        bazaar = RunningBazaar.start(dataDir, "--bazaar.auth.admin-emails=boss@example.com");
    }

    @AfterAll
    static void stop() {
        bazaar.close();
    }

    @Test
    void signupLoginMeRefreshReuseDetectionAndLogout() {
        JsonNode signedUp = post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email",
                                "  Carla@Example.COM ",
                                "password",
                                "a long passphrase",
                                "displayName",
                                "Carla"))
                .expectStatus()
                .isCreated()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(signedUp.get("tokenType").asText()).isEqualTo("Bearer");
        assertThat(signedUp.get("expiresIn").asLong()).isEqualTo(900);

        JsonNode login = post(
                        "/api/v1/auth/login", Map.of("email", "carla@example.com", "password", "a long passphrase"))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();

        JsonNode me = bazaar.http()
                .get()
                .uri("/api/v1/me")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + login.get("accessToken").asText())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(me.get("email").asText()).isEqualTo("carla@example.com");
        assertThat(me.get("displayName").asText()).isEqualTo("Carla");
        assertThat(me.get("roles")).extracting(JsonNode::asText).containsExactly("SHOPPER");
        assertThat(me.get("id").asText()).isNotBlank();

        String firstRefresh = login.get("refreshToken").asText();
        JsonNode refreshed = post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        String secondRefresh = refreshed.get("refreshToken").asText();
        assertThat(secondRefresh).isNotEqualTo(firstRefresh);
        bazaar.http()
                .get()
                .uri("/api/v1/me")
                .header(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + refreshed.get("accessToken").asText())
                .exchange()
                .expectStatus()
                .isOk();

        // The spent token comes back: someone copied it. The whole family dies, including the current token.
        post("/api/v1/auth/refresh", Map.of("refreshToken", firstRefresh))
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/invalid-refresh-token");
        post("/api/v1/auth/refresh", Map.of("refreshToken", secondRefresh))
                .expectStatus()
                .isUnauthorized();
        assertThat(auditActions(me.get("id").asText())).contains("REFRESH_TOKEN_REUSED", "SIGNED_IN", "SIGNED_UP");

        // A separate sign-in is a separate family: logout ends it.
        JsonNode again = post(
                        "/api/v1/auth/login", Map.of("email", "CARLA@example.com", "password", "a long passphrase"))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        post(
                        "/api/v1/auth/logout",
                        Map.of("refreshToken", again.get("refreshToken").asText()))
                .expectStatus()
                .isNoContent();
        post(
                        "/api/v1/auth/refresh",
                        Map.of("refreshToken", again.get("refreshToken").asText()))
                .expectStatus()
                .isUnauthorized();
        assertThat(auditActions(me.get("id").asText())).contains("LOGGED_OUT");
    }

    @Test
    void theSameEmailInAnotherCaseCannotSignUpTwice() {
        post(
                        "/api/v1/auth/signup",
                        Map.of("email", "dora@example.com", "password", "a long passphrase", "displayName", "Dora"))
                .expectStatus()
                .isCreated();
        post(
                        "/api/v1/auth/signup",
                        Map.of(
                                "email",
                                "DORA@Example.com",
                                "password",
                                "another passphrase",
                                "displayName",
                                "Dora Two"))
                .expectStatus()
                .isEqualTo(409)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type")
                .isEqualTo("/problems/email-taken");
    }

    @Test
    void weakPasswordsAndBadFieldsAreRejectedWithFieldErrors() {
        for (String weak : List.of(
                "short", "1234567890", "eveeveeve@example.com", "aaaaaaaaaaaa", "qwertyuiop1", "abcdefghijkl")) {
            post(
                            "/api/v1/auth/signup",
                            Map.of("email", "eveeveeve@example.com", "password", weak, "displayName", "Eve"))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].field")
                    .isEqualTo("password");
        }
        // The reason comes from the strength checker and helps the user pick a better one.
        post(
                        "/api/v1/auth/signup",
                        Map.of("email", "eveeveeve@example.com", "password", "password123", "displayName", "Eve"))
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password")
                .jsonPath("$.errors[0].message")
                .value(message -> assertThat((String) message)
                        .contains("too easy to guess")
                        .contains("common password")
                        .contains("Add another word"));
        post(
                        "/api/v1/auth/signup",
                        Map.of("email", "not-an-email", "password", "a long passphrase", "displayName", " "))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(fields -> assertThat(fields).asList().containsExactlyInAnyOrder("displayName", "email"));
    }

    @Test
    void wrongPasswordAndUnknownEmailAnswerTheSame() {
        User frank = bazaar.signUp("Frank");
        JsonNode wrongPassword = post("/api/v1/auth/login", Map.of("email", frank.email(), "password", "not it at all"))
                .expectStatus()
                .isUnauthorized()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode unknown = post(
                        "/api/v1/auth/login", Map.of("email", "nobody@example.com", "password", "not it at all"))
                .expectStatus()
                .isUnauthorized()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(wrongPassword.get("type")).isEqualTo(unknown.get("type"));
        assertThat(wrongPassword.get("detail")).isEqualTo(unknown.get("detail"));
        assertThat(auditActions(frank.id())).contains("SIGNED_UP");
    }

    @Test
    void theDisplayNameCanBeChanged() {
        User gina = bazaar.signUp("Gina");
        bazaar.as(gina)
                .patch()
                .uri("/api/v1/me")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Gina B."))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.displayName")
                .isEqualTo("Gina B.");
        bazaar.as(gina)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectBody()
                .jsonPath("$.displayName")
                .isEqualTo("Gina B.");
    }

    @Test
    void signUpAndRenameAreAnnouncedInTheEventStoreForTheReadModels() {
        User hana = bazaar.signUp("Hana");
        bazaar.as(hana)
                .patch()
                .uri("/api/v1/me")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("displayName", "Hana K."))
                .exchange()
                .expectStatus()
                .isOk();

        List<Object> hanasEvents = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream =
                bazaar.bean(EventStore.class).openStream(null)) {
            while (stream.hasNextAvailable()) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (hana.id().equals(event.getMetaData().get(MetadataKeys.USER_ID))) {
                    hanasEvents.add(event.getPayload());
                }
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }

        assertThat(hanasEvents)
                .containsExactly(
                        new AccountRegistered(hana.id(), "Hana"), new DisplayNameChanged(hana.id(), "Hana K."));
    }

    @Test
    void theConfiguredAdminManagesRolesAndEveryChangeIsAudited() {
        User boss = bazaar.signUp("Boss", "boss@example.com");
        User helper = bazaar.signUp("Helper");
        bazaar.as(boss)
                .get()
                .uri("/api/v1/me")
                .exchange()
                .expectBody()
                .jsonPath("$.roles")
                .value(roles -> assertThat(roles).asList().containsExactly("ADMIN", "SHOPPER"));

        // A shopper is refused admin endpoints before routing: even a path that does not exist is 403.
        bazaar.as(helper)
                .get()
                .uri("/api/v1/admin/users/{id}", boss.id())
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON);
        bazaar.as(helper)
                .get()
                .uri("/api/v1/admin/no-such-thing")
                .exchange()
                .expectStatus()
                .isForbidden();
        bazaar.http()
                .get()
                .uri("/api/v1/admin/users/{id}", boss.id())
                .exchange()
                .expectStatus()
                .isUnauthorized();

        bazaar.as(boss)
                .put()
                .uri("/api/v1/admin/users/{id}/roles", helper.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("SUPPORT")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.roles")
                .value(roles -> assertThat(roles).asList().containsExactly("SHOPPER", "SUPPORT"));

        // The new role is in the next access token (after a refresh): support reads, but may not change roles.
        JsonNode refreshed = post("/api/v1/auth/refresh", Map.of("refreshToken", helper.refreshToken()))
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        WebTestClient asSupport = bazaar.http()
                .mutate()
                .defaultHeader(
                        HttpHeaders.AUTHORIZATION,
                        "Bearer " + refreshed.get("accessToken").asText())
                .build();
        asSupport
                .get()
                .uri("/api/v1/admin/users/{id}", boss.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.displayName")
                .isEqualTo("Boss");
        asSupport
                .put()
                .uri("/api/v1/admin/users/{id}/roles", helper.id())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("roles", List.of("ADMIN")))
                .exchange()
                .expectStatus()
                .isForbidden();

        JsonNode audit = asSupport
                .get()
                .uri("/api/v1/admin/users/{id}/security-audit", helper.id())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        JsonNode roleChange = audit.get(0);
        assertThat(roleChange.get("action").asText()).isEqualTo("ROLES_CHANGED");
        assertThat(roleChange.get("actorId").asText()).isEqualTo(boss.id());
        assertThat(roleChange.at("/details/after")).extracting(JsonNode::asText).containsExactly("SHOPPER", "SUPPORT");
        assertThat(roleChange.get("clientIp").asText()).isEqualTo("127.0.0.1");
    }

    @Test
    void theJwksPublishesOnlyPublicKeys() {
        JsonNode jwks = bazaar.http()
                .get()
                .uri("/.well-known/jwks.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        assertThat(jwks.get("keys")).isNotEmpty();
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").asText()).isEqualTo("EC");
        assertThat(key.get("crv").asText()).isEqualTo("P-256");
        assertThat(key.hasNonNull("kid")).isTrue();
        assertThat(key.has("d")).as("private part").isFalse();
    }

    private static WebTestClient.ResponseSpec post(String uri, Object body) {
        return bazaar.http()
                .post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private static List<String> auditActions(String accountId) {
        List<String> actions = new ArrayList<>();
        bazaar.bean(MongoTemplate.class)
                .getCollection("security_audit")
                .find(new Document("subjectId", accountId))
                .forEach(entry -> actions.add(entry.getString("action")));
        return actions;
    }
}
