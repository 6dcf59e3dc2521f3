package com.bazaar.identity.token;

import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.account.Account;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.springframework.security.authentication.ReactiveAuthenticationManager;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtReactiveAuthenticationManager;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Issues and verifies our short-lived access tokens: ES256 JWTs with a {@code kid}, the account id as {@code sub} and
 * its roles. Verification accepts only ES256 from our key ring (no {@code none}, no HMAC with a public key), our
 * issuer, our audience, and unexpired tokens. The same decoder will authenticate RSocket connections (setup metadata).
 */
@Component
public class AccessTokens {

    public static final String ROLES_CLAIM = "roles";

    /** The tokens of this many active clients per node: a few kB each, so tens of MB of heap at most. */
    private static final long VERIFIED_TOKENS_REMEMBERED = 10_000;

    private final SigningKeyRing keyRing;
    private final IdentityProperties properties;
    private final Clock clock;
    private final ReactiveJwtDecoder decoder;

    AccessTokens(SigningKeyRing keyRing, IdentityProperties properties, Clock clock) {
        this.keyRing = keyRing;
        this.properties = properties;
        this.clock = clock;
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(jwt -> Mono.fromCallable(
                                () -> keyRing.verificationKey(jwt.getHeader().getKeyID()))
                        .subscribeOn(Schedulers.boundedElastic())
                        .flatMapMany(key -> key.map(Flux::just).orElseGet(Flux::empty)))
                .jwsAlgorithm(SignatureAlgorithm.ES256)
                .build();
        OAuth2TokenValidator<Jwt> claims = new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(properties.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, audience -> audience != null && audience.contains(properties.audience())));
        nimbus.setJwtValidator(claims);
        this.decoder = new VerifiedTokenCache(nimbus, claims, properties.accessTokenTtl(), VERIFIED_TOKENS_REMEMBERED);
    }

    /**
     * Verifies a bearer token and turns its {@code roles} claim into {@code ROLE_*} authorities: the one way both
     * HTTP requests and RSocket connections are authenticated.
     */
    public ReactiveAuthenticationManager authenticationManager() {
        JwtGrantedAuthoritiesConverter roles = new JwtGrantedAuthoritiesConverter();
        roles.setAuthoritiesClaimName(ROLES_CLAIM);
        roles.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter authentication = new JwtAuthenticationConverter();
        authentication.setJwtGrantedAuthoritiesConverter(roles);
        JwtReactiveAuthenticationManager manager = new JwtReactiveAuthenticationManager(decoder);
        manager.setJwtAuthenticationConverter(new ReactiveJwtAuthenticationConverterAdapter(authentication));
        return manager;
    }

    /** Seconds an access token lives, as the token answer's {@code expiresIn}. */
    long lifetimeSeconds() {
        return properties.accessTokenTtl().toSeconds();
    }

    String issue(Account account) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(properties.issuer())
                .audience(properties.audience())
                .subject(account.id())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(properties.accessTokenTtl())))
                .jwtID(UUID.randomUUID().toString())
                .claim(
                        ROLES_CLAIM,
                        account.roles().stream().map(Enum::name).sorted().toList())
                .build();
        ECKey key = keyRing.signingKey();
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.ES256)
                        .keyID(key.getKeyID())
                        .type(JOSEObjectType.JWT)
                        .build(),
                claims);
        try {
            jwt.sign(new ECDSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign an access token", e);
        }
        return jwt.serialize();
    }
}
