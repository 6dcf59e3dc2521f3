package com.bazaar.identity.security;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.ratelimit.RateLimit;
import com.bazaar.platform.ratelimit.RateLimitExceededException;
import com.bazaar.platform.ratelimit.RateLimiter;
import com.bazaar.platform.web.Blocking;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/** A general per-account budget for writes, so one account (or one stolen token) cannot flood the system. */
class WriteRateLimitFilter implements WebFilter {

    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);

    private final RateLimiter rateLimiter;
    private final RateLimit writes;
    private final ProblemResponses problems;

    WriteRateLimitFilter(RateLimiter rateLimiter, RateLimit writes, ProblemResponses problems) {
        this.rateLimiter = rateLimiter;
        this.writes = writes;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!WRITES.contains(exchange.getRequest().getMethod())) {
            return chain.filter(exchange);
        }
        return Mono.deferContextual(context -> {
            String userId = context.getOrDefault(MetadataKeys.USER_ID, null);
            if (userId == null) {
                return chain.filter(exchange);
            }
            return Blocking.call(() -> tryConsume(userId))
                    .flatMap(limited -> limited.map(exceeded -> tooManyRequests(exchange, exceeded))
                            .orElseGet(() -> chain.filter(exchange)));
        });
    }

    private Optional<RateLimitExceededException> tryConsume(String userId) {
        try {
            rateLimiter.consume(writes, userId);
            return Optional.empty();
        } catch (RateLimitExceededException exceeded) {
            return Optional.of(exceeded);
        }
    }

    private Mono<Void> tooManyRequests(ServerWebExchange exchange, RateLimitExceededException exceeded) {
        long seconds = exceeded.retryAfterSeconds();
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(seconds));
        return problems.write(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "/problems/rate-limited",
                "Too many requests; retry after " + seconds + " seconds.");
    }
}
