package com.bazaar.identity.security;

import com.bazaar.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Writes RFC 9457 problems for failures decided in the security filter chain (401, 403, 429), where the controller
 * advice that renders every other problem does not reach.
 */
@Component
class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String type, String detail) {
        ProblemDetail problem = Problems.of(status, type, status.getReasonPhrase(), detail);
        problem.setInstance(URI.create(exchange.getRequest().getPath().value()));
        return Problems.write(exchange.getResponse(), json, problem);
    }
}
