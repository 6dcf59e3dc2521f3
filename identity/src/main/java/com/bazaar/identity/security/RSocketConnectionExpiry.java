package com.bazaar.identity.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Duration;

/**
 * An RSocket connection is authenticated once, at setup, and could otherwise outlive its access token (and a logout,
 * or a role change) by hours. The server closes it when the token expires; the app reconnects with its refreshed
 * token, as it does for HTTP.
 */
@Controller
class RSocketConnectionExpiry {

    private static final Logger log = LoggerFactory.getLogger(RSocketConnectionExpiry.class);

    private final Clock clock;

    RSocketConnectionExpiry(Clock clock) {
        this.clock = clock;
    }

    @ConnectMapping
    void closeWhenTheTokenExpires(RSocketRequester connection, @AuthenticationPrincipal Jwt token) {
        Duration remaining = Duration.between(clock.instant(), token.getExpiresAt());
        Mono.delay(remaining.isNegative() ? Duration.ZERO : remaining)
                .takeUntilOther(connection.rsocket().onClose())
                .subscribe(expired -> {
                    log.info("Closing the RSocket connection of {}: its access token expired", token.getSubject());
                    connection.dispose();
                });
    }
}
