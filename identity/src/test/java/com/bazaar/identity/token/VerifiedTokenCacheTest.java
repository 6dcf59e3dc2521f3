package com.bazaar.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Real ES256 tokens and Spring's real decoder behind the cache; only the number of signature checks is counted. */
class VerifiedTokenCacheTest {

    private static final Duration LIFETIME = Duration.ofMinutes(15);
    private static final Instant ISSUED = Instant.parse("2026-12-01T08:00:00Z");

    private ECKey key;
    private Instant now = ISSUED;
    private final AtomicInteger signatureChecks = new AtomicInteger();
    private ReactiveJwtDecoder cache;

    @BeforeEach
    void decoder() throws JOSEException {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(Duration.ZERO);
        timestamps.setClock(new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now;
            }
        });
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(jwt -> Flux.just(key.toPublicJWK()))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        nimbus.setJwtValidator(timestamps);
        ReactiveJwtDecoder counting = token -> Mono.defer(() -> {
            signatureChecks.incrementAndGet();
            return nimbus.decode(token);
        });
        cache = new VerifiedTokenCache(counting, timestamps, LIFETIME, 100);
    }

    @Test
    void verifiesTheSignatureOfATokenOnceAndAnswersFromMemoryAfterwards() throws JOSEException {
        String token = sign("alice", key);

        Jwt first = cache.decode(token).block();
        Jwt second = cache.decode(token).block();
        Jwt third = cache.decode(token).block();

        assertThat(first.getSubject()).isEqualTo("alice");
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(third).isEqualTo(first);
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void refusesARememberedTokenOnceItHasExpired() throws JOSEException {
        String token = sign("alice", key);
        cache.decode(token).block();

        now = ISSUED.plus(LIFETIME).plusSeconds(1);

        assertThatThrownBy(() -> cache.decode(token).block())
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThat(signatureChecks).hasValue(1);
    }

    @Test
    void aTokenWithAnotherSignatureIsCheckedAndRefusedEvenWhenItsClaimsWereSeen() throws JOSEException {
        String genuine = sign("alice", key);
        cache.decode(genuine).block();
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        String forged = sign("alice", stranger);

        assertThatThrownBy(() -> cache.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode(forged).block()).isInstanceOf(BadJwtException.class);
        assertThat(signatureChecks).hasValue(3);
    }

    private String sign(String subject, ECKey signingKey) throws JOSEException {
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(signingKey.getKeyID())
                        .build(),
                new JWTClaimsSet.Builder()
                        .subject(subject)
                        .issueTime(Date.from(ISSUED))
                        .expirationTime(Date.from(ISSUED.plus(LIFETIME)))
                        .build());
        jwt.sign(new ECDSASigner(signingKey));
        return jwt.serialize();
    }
}
