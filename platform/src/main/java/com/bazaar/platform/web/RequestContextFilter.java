package com.bazaar.platform.web;

import com.bazaar.contracts.common.MetadataKeys;
import io.micrometer.context.ContextRegistry;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Gives every request a request id (the client's {@code X-Request-Id} when it is well-formed, a new UUID otherwise),
 * echoes it in the response, and puts it into the Reactor context. Spring Boot's automatic context propagation then
 * copies it (and the acting user, added once the request is authenticated) into the logging MDC on whatever thread
 * the request runs, and {@code AxonGateways} copies both into command metadata.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestContextFilter implements WebFilter {

    static final String HEADER = "X-Request-Id";
    /** Client-supplied ids end up in logs and event metadata: accept only short, inert ones. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private static final Logger log = LoggerFactory.getLogger("bazaar.access");

    RequestContextFilter() {
        // Registration replaces an accessor with the same key, so several application contexts in one JVM are fine.
        for (String key : new String[] {MetadataKeys.REQUEST_ID, MetadataKeys.USER_ID}) {
            ContextRegistry.getInstance()
                    .registerThreadLocalAccessor(
                            key, () -> MDC.get(key), value -> MDC.put(key, value.toString()), () -> MDC.remove(key));
        }
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String supplied = exchange.getRequest().getHeaders().getFirst(HEADER);
        String requestId = supplied != null && SAFE_ID.matcher(supplied).matches()
                ? supplied
                : UUID.randomUUID().toString();
        exchange.getResponse().getHeaders().set(HEADER, requestId);
        long started = System.nanoTime();
        return chain.filter(exchange)
                .doFinally(signal -> log.info(
                        "{} {} -> {} in {} ms",
                        exchange.getRequest().getMethod(),
                        exchange.getRequest().getPath().value(),
                        exchange.getResponse().getStatusCode() == null
                                ? "-"
                                : exchange.getResponse().getStatusCode().value(),
                        (System.nanoTime() - started) / 1_000_000))
                .contextWrite(context -> context.put(MetadataKeys.REQUEST_ID, requestId));
    }
}
