package com.bazaar.identity.token;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.util.StringUtils;
import reactor.core.publisher.Mono;

/**
 * Remembers tokens whose ES256 signature was already verified, keyed by the exact token text. The signature check is
 * the most expensive step of a request (about half of the CPU of a write command in the store benchmark,
 * docs/PERFORMANCE.md) while a client sends the same token for its whole lifetime. Only the signature is cached: the
 * claims (expiry, not-before, issuer, audience) are validated again on every request, so an expired token is refused
 * at the same instant as without the cache. Dropping a signing key cannot strand a cached token either, because keys
 * are retired only after every token they signed has expired (SigningKeyRing).
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder verifier;
    private final OAuth2TokenValidator<Jwt> claims;
    private final Cache<String, Jwt> verified;

    /**
     * @param verifier checks the signature and the claims of a token not seen before
     * @param claims the same claim validation the verifier applies, repeated for remembered tokens
     * @param lifetime how long a token lives at most, so an entry never outlives its token by much
     */
    VerifiedTokenCache(
            ReactiveJwtDecoder verifier, OAuth2TokenValidator<Jwt> claims, Duration lifetime, long maximumSize) {
        this.verifier = verifier;
        this.claims = claims;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maximumSize)
                .expireAfterWrite(lifetime)
                .build();
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt remembered = verified.getIfPresent(token);
        if (remembered == null) {
            return verifier.decode(token).doOnNext(jwt -> verified.put(token, jwt));
        }
        OAuth2TokenValidatorResult result = claims.validate(remembered);
        if (result.hasErrors()) {
            verified.invalidate(token);
            return Mono.error(invalid(result));
        }
        return Mono.just(remembered);
    }

    /** The exception Spring's own decoder raises for a token that fails validation, so callers see no difference. */
    private static BadJwtException invalid(OAuth2TokenValidatorResult result) {
        String description = result.getErrors().stream()
                .map(OAuth2Error::getDescription)
                .filter(StringUtils::hasLength)
                .findFirst()
                .orElse("Unable to validate Jwt");
        return new JwtValidationException(description, result.getErrors());
    }
}
