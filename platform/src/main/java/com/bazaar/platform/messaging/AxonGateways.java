package com.bazaar.platform.messaging;

import com.bazaar.platform.consistency.ConsistentReads;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends commands and queries from reactive endpoints. Axon's local buses run handlers on the caller's thread and the
 * Mongo stores block, so the dispatch is moved off the Netty event loop onto the bounded elastic scheduler. The
 * request's {@link RequestMetadata} goes along as message metadata.
 */
@Component
public class AxonGateways {

    private final CommandGateway commandGateway;
    private final QueryGateway queryGateway;

    /** Spring builds the one instance; unit tests of reactive callers build theirs over a recording bus. */
    public AxonGateways(CommandGateway commandGateway, QueryGateway queryGateway) {
        this.commandGateway = commandGateway;
        this.queryGateway = queryGateway;
    }

    public <R> Mono<R> send(Object command) {
        return RequestMetadata.current()
                .flatMap(metadata -> Mono.<R>fromFuture(() -> commandGateway.send(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.asMetaData()))))
                .subscribeOn(Schedulers.boundedElastic());
    }

    public <R, Q> Mono<R> query(Q query, ResponseType<R> responseType) {
        return Mono.deferContextual(context -> {
                    MetaData metadata = RequestMetadata.from(context).asMetaData();
                    // A read that waited for the caller's write may read "as of" at least that write.
                    Optional<Long> writtenAt = context.getOrEmpty(ConsistentReads.WRITTEN_AT);
                    MetaData withWrite = writtenAt
                            .map(at -> metadata.and(ConsistentReads.WRITTEN_AT, at))
                            .orElse(metadata);
                    // A Message payload keeps its metadata through DefaultQueryGateway (it is not wrapped again).
                    return Mono.fromFuture(() -> queryGateway.query(
                            query.getClass().getName(),
                            GenericMessage.asMessage(query).andMetaData(withWrite),
                            responseType));
                })
                .subscribeOn(Schedulers.boundedElastic());
    }
}
