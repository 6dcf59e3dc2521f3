package com.bazaar.platform.messaging;

import com.bazaar.contracts.common.MetadataKeys;
import org.axonframework.messaging.MetaData;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import java.util.Map;

/**
 * Who is acting and through which request, as carried in the Reactor context of the request being served. It becomes
 * the metadata of every command sent on the request's behalf, and from there of every event those commands cause.
 */
public record RequestMetadata(String requestId, String userId) {

    public static Mono<RequestMetadata> current() {
        return Mono.deferContextual(context -> Mono.just(from(context)));
    }

    public static RequestMetadata from(ContextView context) {
        return new RequestMetadata(
                context.getOrDefault(MetadataKeys.REQUEST_ID, "none"),
                context.getOrDefault(MetadataKeys.USER_ID, "anonymous"));
    }

    MetaData asMetaData() {
        return MetaData.from(Map.of(MetadataKeys.REQUEST_ID, requestId, MetadataKeys.USER_ID, userId));
    }
}
