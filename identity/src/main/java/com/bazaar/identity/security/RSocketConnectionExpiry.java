package com.bazaar.identity.security;

import com.bazaar.identity.token.Tokens;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.messaging.rsocket.RSocketRequester;
import org.springframework.messaging.rsocket.annotation.ConnectMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Controller;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * An RSocket connection is authenticated once, at setup, and could otherwise outlive its access token (and a logout,
 * or a role change) by hours. The server closes it when the token expires, and when the account signs out or has a
 * refresh-token family revoked after the connection was opened; the app reconnects with its refreshed token, as it
 * does for HTTP.
 *
 * <p>Revocations are found by polling the refresh tokens in Mongo every {@code bazaar.auth.rsocket-revocation-check}
 * (one query per node, only while the node holds connections), so a logout through any node closes the connections
 * on every node. This check runs on every node on purpose: each node closes its own connections.
 */
@Controller
class RSocketConnectionExpiry {

    private static final Logger log = LoggerFactory.getLogger(RSocketConnectionExpiry.class);
    /** Revocations written by another node with a slightly late clock, or committed late, are still seen. */
    private static final Duration OVERLAP = Duration.ofSeconds(10);

    private record Connection(String userId, Instant connectedAt) {}

    private final Clock clock;
    private final Tokens tokens;
    private final Map<RSocketRequester, Connection> connections = new ConcurrentHashMap<>();
    private final Disposable revocationCheck;
    private volatile Instant checkedUntil;

    RSocketConnectionExpiry(
            Clock clock, Tokens tokens, @Value("${bazaar.auth.rsocket-revocation-check:1s}") Duration checkEvery) {
        this.clock = clock;
        this.tokens = tokens;
        this.checkedUntil = clock.instant();
        this.revocationCheck = Flux.interval(checkEvery, checkEvery, Schedulers.boundedElastic())
                .onBackpressureDrop()
                .concatMap(
                        tick -> Mono.fromRunnable(this::closeRevoked).onErrorResume(failure -> {
                            log.warn("Checking for revoked sessions failed; trying again", failure);
                            return Mono.empty();
                        }),
                        1)
                .subscribe();
    }

    @ConnectMapping
    void closeWhenTheTokenExpires(RSocketRequester connection, @AuthenticationPrincipal Jwt token) {
        Duration remaining = Duration.between(clock.instant(), token.getExpiresAt());
        connections.put(connection, new Connection(token.getSubject(), clock.instant()));
        // A connection the client drops ends its onClose with an error: that is a close like any other.
        connection
                .rsocket()
                .onClose()
                .doFinally(signal -> connections.remove(connection))
                .onErrorComplete()
                .subscribe();
        Mono.delay(remaining.isNegative() ? Duration.ZERO : remaining)
                .takeUntilOther(connection.rsocket().onClose().onErrorComplete())
                .subscribe(expired -> {
                    log.info("Closing the RSocket connection of {}: its access token expired", token.getSubject());
                    connection.dispose();
                });
    }

    private void closeRevoked() {
        Instant now = clock.instant();
        Instant since = checkedUntil.minus(OVERLAP);
        checkedUntil = now;
        if (connections.isEmpty()) {
            return;
        }
        List<Tokens.Revocation> revocations = tokens.revokedSince(since);
        connections.forEach((connection, opened) -> revocations.stream()
                .filter(revocation -> revocation.userId().equals(opened.userId())
                        && !revocation.at().isBefore(opened.connectedAt()))
                .findFirst()
                .ifPresent(revocation -> {
                    log.info("Closing the RSocket connection of {}: signed out", opened.userId());
                    connections.remove(connection);
                    connection.dispose();
                }));
    }

    @PreDestroy
    void stop() {
        revocationCheck.dispose();
    }
}
