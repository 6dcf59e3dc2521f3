package com.bazaar.identity.account;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.audit.SecurityAuditLog;
import com.bazaar.identity.audit.SecurityAuditLog.Action;
import com.bazaar.identity.security.ClientIp;
import com.bazaar.identity.token.Tokens;
import com.bazaar.identity.token.Tokens.TokenResponse;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.ratelimit.RateLimitExceededException;
import com.bazaar.platform.ratelimit.RateLimiter;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/auth")
class AuthController {

    record SignupRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotNull @Size(max = PasswordPolicy.MAX_LENGTH) String password,
            @NotBlank @Size(max = 60) String displayName) {
        // Keyboards append spaces to autocompleted addresses; that is not a typo worth a 400.
        SignupRequest {
            email = email == null ? null : email.strip();
        }
    }

    record LoginRequest(
            @NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = PasswordPolicy.MAX_LENGTH) String password) {}

    private final AccountService accounts;
    private final Tokens tokens;
    private final RateLimiter rateLimiter;
    private final SecurityAuditLog audit;
    private final IdentityProperties.Limits limits;

    AuthController(
            AccountService accounts,
            Tokens tokens,
            RateLimiter rateLimiter,
            SecurityAuditLog audit,
            IdentityProperties properties) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.audit = audit;
        this.limits = properties.limits();
    }

    /** Creates an email account and signs it in. */
    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<TokenResponse> signup(@Valid @RequestBody SignupRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    rateLimiter.consume(limits.signups(), ip);
                    Account account = accounts.signUp(request.email(), request.password(), request.displayName());
                    audit.record(Action.SIGNED_UP, account.id(), account.id(), ip, metadata.requestId(), Map.of());
                    return tokens.signIn(account);
                }));
    }

    /**
     * Password sign-in. Only failures count against the limits (per IP and per account), so a user who types the
     * password right is never locked out by others' failures for longer than the window, and never permanently.
     * Each attempt spends its tokens before the password is hashed, atomically in the shared bucket, and a successful
     * one gives them back: parallel failures cannot all pass a check made before any of them was counted, and a
     * refused attempt costs no Argon2 hash.
     */
    @PostMapping("/login")
    Mono<TokenResponse> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        String ip = ClientIp.of(exchange);
        String email = EmailAddress.normalise(request.email());
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    rateLimiter.consume(limits.failedSignInsByIp(), ip);
                    try {
                        rateLimiter.consume(limits.failedSignInsByAccount(), email);
                    } catch (RateLimitExceededException limited) {
                        rateLimiter.giveBack(limits.failedSignInsByIp(), ip);
                        throw limited;
                    }
                    Account account;
                    try {
                        account = accounts.authenticate(email, request.password());
                    } catch (DomainException failed) {
                        audit.record(
                                Action.SIGN_IN_FAILED, null, null, ip, metadata.requestId(), Map.of("email", email));
                        throw failed;
                    }
                    rateLimiter.giveBack(limits.failedSignInsByIp(), ip);
                    rateLimiter.giveBack(limits.failedSignInsByAccount(), email);
                    audit.record(Action.SIGNED_IN, account.id(), account.id(), ip, metadata.requestId(), Map.of());
                    return tokens.signIn(account);
                }));
    }
}
