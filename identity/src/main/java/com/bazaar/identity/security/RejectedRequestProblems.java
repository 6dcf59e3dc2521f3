package com.bazaar.identity.security;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses URLs it considers dangerous ({@code %00}, encoded slashes, {@code ..} segments,
 * ...) before any route; its default handler answers a bare 400 with no body. This one (picked up by Spring Security's
 * WebFlux configuration as the chain's rejected-exchange handler) answers the same 400 as a problem.
 */
@Component
class RejectedRequestProblems implements ServerExchangeRejectedHandler {

    private final ProblemResponses problems;

    RejectedRequestProblems(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejected) {
        return problems.write(
                exchange,
                HttpStatus.BAD_REQUEST,
                "/problems/bad-request",
                "The request URL contains characters or segments this server does not accept.");
    }
}
