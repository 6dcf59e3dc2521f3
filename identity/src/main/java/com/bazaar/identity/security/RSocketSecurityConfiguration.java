package com.bazaar.identity.security;

import com.bazaar.identity.token.AccessTokens;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.rsocket.EnableRSocketSecurity;
import org.springframework.security.config.annotation.rsocket.RSocketSecurity;
import org.springframework.security.rsocket.core.PayloadSocketAcceptorInterceptor;

/**
 * RSocket (chat streams) takes the same access token as HTTP, as a bearer token in the standard
 * {@code message/x.rsocket.authentication.v0} metadata of the SETUP frame. A connection without a valid token is
 * rejected at setup; every request on an accepted connection runs as that account.
 */
@Configuration(proxyBeanMethods = false)
@EnableRSocketSecurity
class RSocketSecurityConfiguration {

    @Bean
    PayloadSocketAcceptorInterceptor rsocketSecurity(RSocketSecurity rsocket, AccessTokens accessTokens) {
        return rsocket.authorizePayload(payloads -> payloads.setup()
                        .authenticated()
                        .anyRequest()
                        .authenticated()
                        .anyExchange()
                        .permitAll())
                .jwt(jwt -> jwt.authenticationManager(accessTokens.authenticationManager()))
                .addPayloadInterceptor(new RSocketRequestContext())
                .build();
    }
}
