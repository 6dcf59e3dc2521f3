package com.bazaar.platform.consistency;

import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.platform.web.Blocking;
import com.bazaar.platform.web.Problems;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Read-your-writes at the HTTP edge (docs/OPERATIONS.md, "Read-your-writes"). A successful write that stored events
 * answers with {@code Bazaar-Consistency} naming them; a read of a {@link ReadModel} endpoint that sends it back waits,
 * polling the shared token store off the event loop, until that read model has handled them or the bound passes, and
 * says which in {@code Bazaar-Consistency-Status}.
 */
class ReadYourWritesFilter implements WebFilter, Ordered {

    static final String HEADER = "Bazaar-Consistency";
    static final String STATUS_HEADER = "Bazaar-Consistency-Status";
    static final String CONSISTENT = "consistent";
    static final String STALE = "stale";
    private static final Set<HttpMethod> WRITES =
            Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE);
    /** More aggregates than this in one write: the header names the store's head instead, to stay short. */
    private static final int MAX_SEQUENCES = 20;

    private final WrittenEvents writtenEvents;
    private final ConsistencyTokenCodec codec;
    private final ReadModelPositions positions;
    private final EventStoreTokens tokens;
    private final EventStore eventStore;
    private final RequestMappingHandlerMapping handlerMapping;
    private final ObjectMapper json;
    private final Duration maxWait;
    private final Duration pollInterval;

    ReadYourWritesFilter(
            WrittenEvents writtenEvents,
            ConsistencyTokenCodec codec,
            ReadModelPositions positions,
            EventStoreTokens tokens,
            EventStore eventStore,
            RequestMappingHandlerMapping handlerMapping,
            ObjectMapper json,
            Duration maxWait,
            Duration pollInterval) {
        this.writtenEvents = writtenEvents;
        this.codec = codec;
        this.positions = positions;
        this.tokens = tokens;
        this.eventStore = eventStore;
        this.handlerMapping = handlerMapping;
        this.json = json;
        this.maxWait = maxWait;
        this.pollInterval = pollInterval;
    }

    /** After the security chain (order -100): requests it refuses never wait, and the acting user is known. */
    @Override
    public int getOrder() {
        return 0;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (WRITES.contains(exchange.getRequest().getMethod())) {
            return recordWrite(exchange, chain);
        }
        String header = exchange.getRequest().getHeaders().getFirst(HEADER);
        if (header == null || header.isBlank() || ConsistencyTokenCodec.issuedBeforeJws(header.trim())) {
            return chain.filter(exchange);
        }
        List<WrittenEvent> written;
        try {
            written = codec.decode(header.trim());
        } catch (ConsistencyTokenCodec.MalformedConsistencyToken malformed) {
            return Problems.write(
                    exchange.getResponse(),
                    json,
                    Problems.of(
                            HttpStatus.BAD_REQUEST,
                            "/problems/invalid-consistency-token",
                            "Invalid consistency token",
                            malformed.getMessage()));
        }
        long writtenAt =
                written.stream().mapToLong(WrittenEvent::writtenAt).max().orElse(0);
        return readModels(exchange)
                .flatMap(groups -> awaitHandled(groups, written))
                .doOnNext(status -> exchange.getResponse().getHeaders().set(STATUS_HEADER, status))
                .flatMap(status -> chain.filter(exchange)
                        .contextWrite(context -> CONSISTENT.equals(status)
                                ? context.put(ConsistentReads.WRITTEN_AT, writtenAt)
                                : context)
                        .thenReturn(status))
                .switchIfEmpty(Mono.defer(() -> chain.filter(exchange)).then(Mono.empty()))
                .then();
    }

    private Mono<Void> recordWrite(ServerWebExchange exchange, WebFilterChain chain) {
        return Mono.deferContextual(context -> {
            Optional<String> requestId = context.getOrEmpty(MetadataKeys.REQUEST_ID);
            if (requestId.isEmpty()) {
                return chain.filter(exchange);
            }
            WrittenEvents.Recording recording = writtenEvents.start(requestId.get());
            exchange.getResponse().beforeCommit(() -> {
                HttpStatusCode status = exchange.getResponse().getStatusCode();
                List<EventMessage<?>> events = recording.events();
                writtenEvents.stop(recording);
                if (events.isEmpty() || status == null || !status.is2xxSuccessful()) {
                    return Mono.empty();
                }
                return Blocking.call(() -> codec.encode(describe(events)))
                        .doOnNext(value -> exchange.getResponse().getHeaders().set(HEADER, value))
                        .then();
            });
            return chain.filter(exchange).doFinally(signal -> writtenEvents.stop(recording));
        });
    }

    /** One entry per aggregate written: the payload types and a token covering its events. Blocking. */
    private List<WrittenEvent> describe(List<EventMessage<?>> events) {
        Map<String, List<EventMessage<?>>> bySequence = new LinkedHashMap<>();
        for (EventMessage<?> event : events) {
            String sequence = event instanceof DomainEventMessage<?> domain
                    ? domain.getAggregateIdentifier()
                    : event.getIdentifier();
            bySequence.computeIfAbsent(sequence, key -> new ArrayList<>()).add(event);
        }
        Supplier<TrackingToken> head = memoized(eventStore::createHeadToken);
        boolean tooMany = bySequence.size() > MAX_SEQUENCES;
        List<WrittenEvent> written = new ArrayList<>();
        for (Map.Entry<String, List<EventMessage<?>>> sequence : bySequence.entrySet()) {
            Set<String> types = new LinkedHashSet<>();
            TrackingToken covering = null;
            long writtenAt = 0;
            for (EventMessage<?> event : sequence.getValue()) {
                types.add(event.getPayloadType().getName());
                writtenAt = Math.max(writtenAt, event.getTimestamp().toEpochMilli());
                TrackingToken token =
                        tooMany ? head.get() : tokens.tokenOf(event).orElseGet(head);
                covering = covering == null ? token : covering.upperBound(token);
            }
            written.add(new WrittenEvent(sequence.getKey(), types, covering, writtenAt));
        }
        if (tooMany) {
            // Every segment must then reach the head: slower to satisfy, but the header stays a few hundred bytes.
            Set<String> types = new LinkedHashSet<>();
            written.forEach(w -> types.addAll(w.payloadTypes()));
            long writtenAt =
                    written.stream().mapToLong(WrittenEvent::writtenAt).max().orElse(0);
            return List.of(new WrittenEvent(WrittenEvent.ALL, types, head.get(), writtenAt));
        }
        return written;
    }

    private Mono<List<String>> readModels(ServerWebExchange exchange) {
        return handlerMapping
                .getHandler(exchange)
                .filter(HandlerMethod.class::isInstance)
                .cast(HandlerMethod.class)
                .mapNotNull(method -> {
                    ReadModel onMethod =
                            AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), ReadModel.class);
                    ReadModel readModel = onMethod != null
                            ? onMethod
                            : AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), ReadModel.class);
                    return readModel == null ? null : List.of(readModel.value());
                });
    }

    private Mono<String> awaitHandled(List<String> processingGroups, List<WrittenEvent> written) {
        return Flux.interval(Duration.ZERO, pollInterval)
                .onBackpressureDrop()
                .concatMap(tick -> Blocking.call(() -> positions.haveHandled(processingGroups, written)), 1)
                .filter(Boolean::booleanValue)
                .next()
                .map(handled -> CONSISTENT)
                .timeout(maxWait, Mono.just(STALE));
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        Object[] value = new Object[1];
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            @SuppressWarnings("unchecked")
            T result = (T) value[0];
            return result;
        };
    }
}
