package com.bazaar.identity.token;

import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.security.ClientIp;
import com.bazaar.identity.token.Tokens.TokenResponse;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.ratelimit.RateLimiter;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class TokenController {

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {}

    private final Tokens tokens;
    private final SigningKeyRing keyRing;
    private final RateLimiter rateLimiter;
    private final IdentityProperties.Limits limits;

    TokenController(Tokens tokens, SigningKeyRing keyRing, RateLimiter rateLimiter, IdentityProperties properties) {
        this.tokens = tokens;
        this.keyRing = keyRing;
        this.rateLimiter = rateLimiter;
        this.limits = properties.limits();
    }

    /** Trades a refresh token for a new access token and a new refresh token; the old one is spent. */
    @PostMapping("/api/v1/auth/refresh")
    Mono<TokenResponse> refresh(@Valid @RequestBody RefreshRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    rateLimiter.consume(limits.refreshes(), ip);
                    return tokens.refresh(request.refreshToken(), ip, metadata.requestId());
                }));
    }

    /** Revokes the refresh token's whole family. Access tokens already issued expire on their own (minutes). */
    @PostMapping("/api/v1/auth/logout")
    Mono<ResponseEntity<Void>> logout(@Valid @RequestBody RefreshRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        return RequestMetadata.current()
                .flatMap(
                        metadata -> Blocking.run(() -> tokens.logout(request.refreshToken(), ip, metadata.requestId())))
                .then(Mono.just(ResponseEntity.noContent().build()));
    }

    /** The public keys that verify our access tokens (RFC 7517), for other services and for key rotation. */
    @GetMapping("/.well-known/jwks.json")
    Map<String, Object> jwks() {
        return keyRing.publicKeys().toJSONObject(true);
    }
}
