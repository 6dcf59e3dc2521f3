package com.bazaar.identity.security;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The caller's IP for rate limits and the audit log. Behind the load balancer, set
 * {@code server.forward-headers-strategy=framework} so Spring replaces the remote address with the one in
 * {@code X-Forwarded-For} from the trusted proxy (never parse that header by hand: clients can forge it).
 */
public final class ClientIp {

    private ClientIp() {}

    public static String of(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null
                ? "unknown"
                : remote.getAddress().getHostAddress();
    }
}
