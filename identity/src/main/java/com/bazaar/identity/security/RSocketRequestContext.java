package com.bazaar.identity.security;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.messaging.RequestMetadata;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.core.Ordered;
import org.springframework.security.config.annotation.rsocket.PayloadInterceptorOrder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.rsocket.api.PayloadExchange;
import org.springframework.security.rsocket.api.PayloadInterceptor;
import org.springframework.security.rsocket.api.PayloadInterceptorChain;
import reactor.core.publisher.Mono;

/**
 * Gives every RSocket request the same Reactor context an HTTP request gets from {@link ActingUserFilter}: a request
 * id, the acting user and their roles, so handlers use {@link RequestMetadata} and never see Spring Security.
 */
class RSocketRequestContext implements PayloadInterceptor, Ordered {

    @Override
    public Mono<Void> intercept(PayloadExchange exchange, PayloadInterceptorChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(authentication -> authentication
                        .map(user -> chain.next(exchange)
                                .contextWrite(context -> context.put(
                                                MetadataKeys.REQUEST_ID,
                                                UUID.randomUUID().toString())
                                        .put(MetadataKeys.USER_ID, user.getName())
                                        .put(RequestMetadata.ROLES, roles(user))))
                        .orElseGet(() -> chain.next(exchange)));
    }

    private static Set<String> roles(Authentication user) {
        return user.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public int getOrder() {
        return PayloadInterceptorOrder.AUTHORIZATION.getOrder() + 1;
    }
}
