package com.bazaar.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * The 503 of {@link StoreUnavailable} for failures outside controllers (the security and rate-limit filters read
 * MongoDB before any controller runs, so {@link ProblemDetailsHandler} never sees their exceptions). Ordered before
 * Spring Boot's error handler (order -1), which would answer 500.
 */
@Component
@Order(-2)
class StoreUnavailableExceptionHandler implements WebExceptionHandler {

    private final ObjectMapper json;

    StoreUnavailableExceptionHandler(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        ServerHttpResponse response = exchange.getResponse();
        if (!StoreUnavailable.causedBy(failure) || response.isCommitted()) {
            return Mono.error(failure);
        }
        response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(StoreUnavailable.RETRY_AFTER_SECONDS));
        return Problems.write(response, json, StoreUnavailable.problem());
    }
}
