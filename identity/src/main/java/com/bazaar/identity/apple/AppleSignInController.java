package com.bazaar.identity.apple;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.account.Account;
import com.bazaar.identity.account.AccountService;
import com.bazaar.identity.audit.SecurityAuditLog;
import com.bazaar.identity.audit.SecurityAuditLog.Action;
import com.bazaar.identity.security.ClientIp;
import com.bazaar.identity.token.Tokens;
import com.bazaar.identity.token.Tokens.TokenResponse;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.ratelimit.RateLimiter;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
class AppleSignInController {

    /**
     * {@code identityToken} from ASAuthorizationAppleIDCredential, {@code nonce} the raw nonce whose SHA-256 the app
     * gave Apple, {@code displayName} the name Apple shares on the first sign-in only (optional).
     */
    record AppleSignInRequest(
            @NotBlank @Size(max = 8192) String identityToken,
            @NotBlank @Size(max = 256) String nonce,
            @Size(max = 60) String displayName) {}

    private final AppleIdentityTokens appleTokens;
    private final AccountService accounts;
    private final Tokens tokens;
    private final RateLimiter rateLimiter;
    private final SecurityAuditLog audit;
    private final IdentityProperties.Limits limits;

    AppleSignInController(
            AppleIdentityTokens appleTokens,
            AccountService accounts,
            Tokens tokens,
            RateLimiter rateLimiter,
            SecurityAuditLog audit,
            IdentityProperties properties) {
        this.appleTokens = appleTokens;
        this.accounts = accounts;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.limits = properties.limits();
    }

    /** First sign-in creates the account; later ones find it by Apple's stable subject id. */
    @PostMapping("/api/v1/auth/apple")
    Mono<TokenResponse> signIn(@Valid @RequestBody AppleSignInRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.run(() -> rateLimiter.consume(limits.appleSignIns(), ip))
                        .then(appleTokens.verify(request.identityToken(), request.nonce()))
                        .onErrorResume(
                                DomainException.class,
                                rejected -> Blocking.run(() -> audit.record(
                                                Action.APPLE_SIGN_IN_FAILED,
                                                null,
                                                null,
                                                ip,
                                                metadata.requestId(),
                                                Map.of("reason", rejected.code().slug())))
                                        .then(Mono.error(rejected)))
                        .flatMap(identity -> Blocking.call(() -> {
                            Account account = accounts.signInWithApple(
                                    identity.subject(),
                                    identity.emailVerified() ? identity.email() : null,
                                    request.displayName());
                            audit.record(
                                    Action.APPLE_SIGNED_IN,
                                    account.id(),
                                    account.id(),
                                    ip,
                                    metadata.requestId(),
                                    Map.of());
                            return tokens.signIn(account);
                        })));
    }
}
