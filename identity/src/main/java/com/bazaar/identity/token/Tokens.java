package com.bazaar.identity.token;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.identity.account.Account;
import com.bazaar.identity.account.Accounts;
import com.bazaar.identity.audit.SecurityAuditLog;
import com.bazaar.identity.audit.SecurityAuditLog.Action;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Token issuance for every way of signing in, refresh with rotation, and logout. Blocking. */
@Component
public class Tokens {

    /** The answer to sign-up, login, Apple sign-in and refresh. */
    public record TokenResponse(String accessToken, String refreshToken, long expiresIn, String tokenType) {}

    /** An account signed out (or had a stolen refresh token revoked) at {@code at}. */
    public record Revocation(String userId, java.time.Instant at) {}

    private final AccessTokens accessTokens;
    private final RefreshTokens refreshTokens;
    private final Accounts accounts;
    private final SecurityAuditLog audit;

    Tokens(AccessTokens accessTokens, RefreshTokens refreshTokens, Accounts accounts, SecurityAuditLog audit) {
        this.accessTokens = accessTokens;
        this.refreshTokens = refreshTokens;
        this.accounts = accounts;
        this.audit = audit;
    }

    public TokenResponse signIn(Account account) {
        return new TokenResponse(
                accessTokens.issue(account),
                refreshTokens.startFamily(account.id()),
                accessTokens.lifetimeSeconds(),
                "Bearer");
    }

    /** Rotates the refresh token; the new access token carries the account's current roles. */
    public TokenResponse refresh(String refreshToken, String clientIp, String requestId) {
        RefreshTokens.Rotation rotation;
        try {
            rotation = refreshTokens.rotate(refreshToken);
        } catch (RefreshTokens.ReuseDetected reuse) {
            audit.record(
                    Action.REFRESH_TOKEN_REUSED,
                    reuse.userId,
                    reuse.userId,
                    clientIp,
                    requestId,
                    Map.of("familyId", reuse.familyId));
            throw reuse;
        }
        Account account = accounts.byId(rotation.userId())
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; sign in again."));
        return new TokenResponse(
                accessTokens.issue(account), rotation.newToken(), accessTokens.lifetimeSeconds(), "Bearer");
    }

    /** Revocations at or after {@code since}, for closing the revoked accounts' open connections. */
    public java.util.List<Revocation> revokedSince(java.time.Instant since) {
        return refreshTokens.revokedSince(since);
    }

    public void logout(String refreshToken, String clientIp, String requestId) {
        String userId = refreshTokens.revoke(refreshToken);
        if (userId != null) {
            audit.record(Action.LOGGED_OUT, userId, userId, clientIp, requestId, Map.of());
        }
    }
}
