package com.bazaar.identity.security;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.messaging.RequestMetadata;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Puts the authenticated account id into the Reactor context under {@link MetadataKeys#USER_ID} (and its roles under
 * {@link RequestMetadata#ROLES}): from there it goes into every log line of the request and into the metadata of every command and event (the audit trail's "who").
 */
class ActingUserFilter implements WebFilter {

    private static final String ROLE_PREFIX = "ROLE_";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .flatMap(security -> Mono.justOrEmpty(security.getAuthentication()))
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(signedIn -> signedIn.map(authentication -> chain.filter(exchange)
                                .contextWrite(context -> context.put(MetadataKeys.USER_ID, authentication.getName())
                                        .put(
                                                RequestMetadata.ROLES,
                                                authentication.getAuthorities().stream()
                                                        .map(GrantedAuthority::getAuthority)
                                                        .filter(authority -> authority.startsWith(ROLE_PREFIX))
                                                        .map(authority -> authority.substring(ROLE_PREFIX.length()))
                                                        .collect(Collectors.toUnmodifiableSet()))))
                        .orElseGet(() -> chain.filter(exchange)));
    }
}
