package com.bazaar.identity.apple;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Verifies Apple identity tokens for real: RS256 signature against Apple's JWKS (cached; refetched when a token names
 * an unknown {@code kid}, which is how Apple rotates keys), issuer, audience (our bundle id), expiry, and the nonce.
 * The app generates a random nonce, gives Apple its SHA-256 (hex) and sends us the raw value; the token's
 * {@code nonce} claim must be that hash, which binds the token to this one sign-in attempt (no replay).
 */
@Component
class AppleIdentityTokens {

    /** What we learn from a verified token. {@code email} may be a private relay address, or absent. */
    record AppleIdentity(String subject, String email, boolean emailVerified) {}

    private final ReactiveJwtDecoder decoder;

    AppleIdentityTokens(IdentityProperties properties) {
        IdentityProperties.Apple apple = properties.apple();
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSetUri(
                        apple.jwksUri().toString())
                .jwsAlgorithm(SignatureAlgorithm.RS256)
                .build();
        nimbus.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(apple.issuer()),
                new JwtClaimValidator<List<String>>(
                        JwtClaimNames.AUD, audience -> audience != null && audience.contains(apple.clientId()))));
        this.decoder = nimbus;
    }

    Mono<AppleIdentity> verify(String identityToken, String rawNonce) {
        return decoder.decode(identityToken)
                .onErrorMap(JwtException.class, rejected -> invalid())
                .flatMap(jwt -> nonceMatches(jwt, rawNonce) ? Mono.just(identity(jwt)) : Mono.error(invalid()));
    }

    private static boolean nonceMatches(Jwt jwt, String rawNonce) {
        String claim = jwt.getClaimAsString("nonce");
        return claim != null
                && MessageDigest.isEqual(
                        claim.getBytes(StandardCharsets.UTF_8),
                        Sha256.hex(rawNonce).getBytes(StandardCharsets.UTF_8));
    }

    private static AppleIdentity identity(Jwt jwt) {
        // Apple sends email_verified as a boolean or as the string "true".
        Object verified = jwt.getClaims().get("email_verified");
        return new AppleIdentity(
                jwt.getSubject(),
                jwt.getClaimAsString("email"),
                Boolean.TRUE.equals(verified) || "true".equals(verified));
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_APPLE_TOKEN, "The Apple identity token is not valid.");
    }
}
