package com.bazaar.identity;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which routes need no access token and which need a staff role: read by the security configuration to secure the
 * API and by the OpenAPI document to declare it, so the two cannot disagree.
 */
public final class AccessRules {

    /** Needs ADMIN or SUPPORT (some routes below it ADMIN only); checked before routing, so unknown ones answer 403. */
    public static final String STAFF = "/api/v1/admin/**";

    /** Open to anyone, by method: sign-in, public catalogue reads, the JWKS, Stripe's webhook and public images. */
    public static final Map<HttpMethod, List<String>> PUBLIC_ROUTES = Map.of(
            HttpMethod.POST,
                    List.of(
                            "/api/v1/auth/signup",
                            "/api/v1/auth/login",
                            "/api/v1/auth/refresh",
                            "/api/v1/auth/logout",
                            "/api/v1/auth/apple",
                            // Stripe has no token of ours: the webhook authenticates by its signature over the raw
                            // body.
                            "/api/v1/webhooks/stripe"),
            HttpMethod.GET,
                    List.of(
                            "/api/v1/feed",
                            "/api/v1/listings/*",
                            "/api/v1/sellers/*/listings",
                            "/.well-known/jwks.json",
                            // Public image URLs (listing photos) when no CDN serves them: a redirect to storage.
                            "/media/*"));

    private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

    private AccessRules() {}

    /** Whether {@code method} on {@code path} (a concrete path or an OpenAPI template) is served without a token. */
    public static boolean isPublic(HttpMethod method, String path) {
        return PUBLIC_ROUTES.getOrDefault(method, List.of()).stream().anyMatch(pattern -> matches(pattern, path));
    }

    /** Whether {@code path} needs a staff role on top of a token. */
    public static boolean needsStaffRole(String path) {
        return matches(STAFF, path);
    }

    private static boolean matches(String pattern, String path) {
        PathPattern parsed = PARSER.parse(pattern);
        return parsed.matches(PathContainer.parsePath(path));
    }
}
