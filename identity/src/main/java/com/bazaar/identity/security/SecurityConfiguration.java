package com.bazaar.identity.security;

import com.bazaar.identity.AccessRules;
import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.token.AccessTokens;
import com.bazaar.platform.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.header.ReferrerPolicyServerHttpHeadersWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

/**
 * Every request is authenticated by a bearer access token (ours, see {@link AccessTokens}) or is anonymous. Only the
 * sign-in endpoints, public catalogue reads, the JWKS and operational endpoints are open; {@code /api/v1/admin/**}
 * needs ADMIN or SUPPORT and is checked here, before any routing, so even unknown admin paths answer 403.
 * Stateless: no session, no cookie, hence no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

    @Bean
    SecurityWebFilterChain apiSecurity(
            ServerHttpSecurity http,
            AccessTokens accessTokens,
            ProblemResponses problems,
            RateLimiter rateLimiter,
            IdentityProperties properties) {
        return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .cors(cors -> {})
                .headers(headers -> headers.referrerPolicy(referrer ->
                                referrer.policy(ReferrerPolicyServerHttpHeadersWriter.ReferrerPolicy.NO_REFERRER))
                        .hsts(hsts -> hsts.maxAge(Duration.ofDays(365)).includeSubdomains(true)))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(HttpMethod.PUT, "/api/v1/admin/users/*/roles")
                        .hasRole("ADMIN")
                        // Relaying chat messages speaks for the marketplace: admins only (docs/CHAT.md).
                        .pathMatchers("/api/v1/admin/chat/**")
                        .hasRole("ADMIN")
                        // The audit trail: both staff roles; SUPPORT gets personal fields masked there (OPERATIONS.md).
                        .pathMatchers(
                                HttpMethod.GET,
                                "/api/v1/admin/audit",
                                "/api/v1/admin/aggregates/*/*/history",
                                "/api/v1/admin/aggregates/*/*/state")
                        .hasAnyRole("ADMIN", "SUPPORT")
                        // Retrying or deleting a parked event changes what read models hold (docs/OPERATIONS.md).
                        .pathMatchers("/api/v1/admin/dead-letters/**")
                        .hasRole("ADMIN")
                        .pathMatchers(AccessRules.STAFF)
                        .hasAnyRole("ADMIN", "SUPPORT")
                        // Sign-in, public catalogue reads, the JWKS, Stripe's webhook and public images.
                        .pathMatchers(
                                HttpMethod.POST,
                                AccessRules.PUBLIC_ROUTES.get(HttpMethod.POST).toArray(String[]::new))
                        .permitAll()
                        .pathMatchers(
                                HttpMethod.GET,
                                AccessRules.PUBLIC_ROUTES.get(HttpMethod.GET).toArray(String[]::new))
                        .permitAll()
                        .pathMatchers(
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/info",
                                "/actuator/prometheus",
                                "/v3/api-docs",
                                "/v3/api-docs/**",
                                "/swagger-ui.html",
                                "/swagger-ui/**",
                                "/webjars/**")
                        .permitAll()
                        // The WebSocket upgrade carries no token; RSocket authenticates the setup frame instead.
                        .pathMatchers(HttpMethod.GET, "/rsocket")
                        .permitAll()
                        .anyExchange()
                        .authenticated())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.authenticationManager(accessTokens.authenticationManager()))
                        .authenticationEntryPoint((exchange, failure) -> {
                            exchange.getResponse()
                                    .getHeaders()
                                    .set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
                            return problems.write(
                                    exchange,
                                    HttpStatus.UNAUTHORIZED,
                                    "/problems/unauthenticated",
                                    "A valid access token is required.");
                        })
                        .accessDeniedHandler((exchange, denied) -> problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "/problems/forbidden",
                                "Your role does not allow this.")))
                .exceptionHandling(handling -> handling.authenticationEntryPoint((exchange, failure) -> {
                            exchange.getResponse().getHeaders().set("WWW-Authenticate", "Bearer");
                            return problems.write(
                                    exchange,
                                    HttpStatus.UNAUTHORIZED,
                                    "/problems/unauthenticated",
                                    "A valid access token is required.");
                        })
                        .accessDeniedHandler((exchange, denied) -> problems.write(
                                exchange,
                                HttpStatus.FORBIDDEN,
                                "/problems/forbidden",
                                "Your role does not allow this.")))
                .addFilterAfter(new ActingUserFilter(), SecurityWebFiltersOrder.AUTHORIZATION)
                // Not beans on purpose: a WebFilter bean would also join the global filter chain and run twice.
                .addFilterAfter(
                        new WriteRateLimitFilter(
                                rateLimiter, properties.limits().writes(), problems),
                        SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /** Browsers may call the API only from configured origins; the native app sends no Origin and is unaffected. */
    @Bean
    CorsConfigurationSource corsConfigurationSource(IdentityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.corsAllowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PUT", "PATCH", "DELETE"));
        cors.setAllowedHeaders(List.of(
                "Authorization", "Content-Type", "If-Match", "X-Request-Id", "Idempotency-Key", "Bazaar-Consistency"));
        cors.setExposedHeaders(List.of(
                "Location", "ETag", "Retry-After", "X-Request-Id", "Bazaar-Consistency", "Bazaar-Consistency-Status"));
        cors.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", cors);
        return source;
    }
}
