package com.bazaar.identity;

import com.bazaar.platform.ratelimit.RateLimit;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationStyle;

/**
 * Sign-in and token settings (README, "Configuration").
 *
 * @param issuer             {@code iss} of our access tokens
 * @param audience           {@code aud} of our access tokens
 * @param accessTokenTtl     lifetime of an access token; also how long a role change or logout takes to bite
 * @param refreshTokenTtl    lifetime of a refresh token family member
 * @param signingKeyRotation a new signing key is made when the newest is older than this
 * @param adminEmails        accounts with these emails are made ADMIN at start-up and at sign-up (first admin)
 * @param corsAllowedOrigins browser origins allowed to call the API (none by default: the app is native)
 */
@ConfigurationProperties("bazaar.auth")
public record IdentityProperties(
        @DefaultValue("bazaar") String issuer,
        @DefaultValue("bazaar-app") String audience,
        @DefaultValue("15m") Duration accessTokenTtl,
        @DefaultValue("30d") Duration refreshTokenTtl,
        @DefaultValue("30d") Duration signingKeyRotation,
        @DefaultValue({}) List<String> adminEmails,
        @DefaultValue({}) List<String> corsAllowedOrigins,
        @DefaultValue Apple apple,
        @DefaultValue Limits limits) {

    /**
     * Sign in with Apple.
     *
     * @param jwksUri  Apple's public keys
     * @param issuer   {@code iss} of Apple identity tokens
     * @param clientId our app's bundle id, the {@code aud} of Apple identity tokens
     */
    public record Apple(
            @DefaultValue("https://appleid.apple.com/auth/keys")
            URI jwksUri,

            @DefaultValue("https://appleid.apple.com") String issuer,
            @DefaultValue("com.bazaar.app") String clientId) {}

    /** Rate limits as {@code <count>/<period>}, e.g. {@code 5/1m}. */
    public record Limits(
            @DefaultValue("5/1h") String signupsPerIp,
            @DefaultValue("5/1m") String failedSignInsPerIp,
            @DefaultValue("5/5m") String failedSignInsPerAccount,
            @DefaultValue("30/1m") String refreshesPerIp,
            @DefaultValue("10/1m") String appleSignInsPerIp,
            @DefaultValue("60/1m") String writesPerUser) {

        /** A mistyped limit stops the app at startup rather than failing the first login. */
        public Limits {
            for (String spec : List.of(
                    signupsPerIp,
                    failedSignInsPerIp,
                    failedSignInsPerAccount,
                    refreshesPerIp,
                    appleSignInsPerIp,
                    writesPerUser)) {
                parse("config", spec);
            }
        }

        public RateLimit signups() {
            return parse("signup-ip", signupsPerIp);
        }

        public RateLimit failedSignInsByIp() {
            return parse("sign-in-failure-ip", failedSignInsPerIp);
        }

        public RateLimit failedSignInsByAccount() {
            return parse("sign-in-failure-account", failedSignInsPerAccount);
        }

        public RateLimit refreshes() {
            return parse("refresh-ip", refreshesPerIp);
        }

        public RateLimit appleSignIns() {
            return parse("apple-ip", appleSignInsPerIp);
        }

        public RateLimit writes() {
            return parse("write-user", writesPerUser);
        }

        private static RateLimit parse(String name, String spec) {
            String[] parts = spec.split("/", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("Rate limit '" + spec + "' must look like 5/1m");
            }
            return new RateLimit(
                    name, Long.parseLong(parts[0].strip()), DurationStyle.detectAndParse(parts[1].strip()));
        }
    }
}
