package com.bazaar.identity.security;

import com.bazaar.contracts.common.MetadataKeys;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Puts the authenticated account id into the Reactor context under {@link MetadataKeys#USER_ID}: from there it goes
 * into every log line of the request and into the metadata of every command and event (the audit trail's "who").
 */
class ActingUserFilter implements WebFilter {

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(security -> Optional.ofNullable(security.getAuthentication())
                        .filter(JwtAuthenticationToken.class::isInstance)
                        .map(authentication -> authentication.getName()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(userId -> userId
                        .map(id -> chain.filter(exchange).contextWrite(context -> context.put(MetadataKeys.USER_ID, id)))
                        .orElseGet(() -> chain.filter(exchange)));
    }
}
