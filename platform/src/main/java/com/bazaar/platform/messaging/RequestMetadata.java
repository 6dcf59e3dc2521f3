package com.bazaar.platform.messaging;

import com.bazaar.contracts.common.MetadataKeys;
import java.util.Map;
import java.util.Set;
import org.axonframework.messaging.MetaData;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

/**
 * Who is acting and through which request, as carried in the Reactor context of the request being served. It becomes
 * the metadata of every command sent on the request's behalf, and from there of every event those commands cause.
 */
public record RequestMetadata(String requestId, String userId, Set<String> roles) {

    /** Reactor context key of the caller's roles ({@code Set<String>}, e.g. "ADMIN"), put there by the security chain. */
    public static final String ROLES = "bazaar.userRoles";

    /** Roles that may look at other users' orders and accounts to help them. */
    private static final Set<String> STAFF = Set.of("ADMIN", "SUPPORT");

    public RequestMetadata {
        roles = Set.copyOf(roles);
    }

    public static Mono<RequestMetadata> current() {
        return Mono.deferContextual(context -> Mono.just(from(context)));
    }

    public static RequestMetadata from(ContextView context) {
        return new RequestMetadata(
                context.getOrDefault(MetadataKeys.REQUEST_ID, "none"),
                context.getOrDefault(MetadataKeys.USER_ID, "anonymous"),
                context.getOrDefault(ROLES, Set.of()));
    }

    public boolean isStaff() {
        return roles.stream().anyMatch(STAFF::contains);
    }

    MetaData asMetaData() {
        return MetaData.from(Map.of(MetadataKeys.REQUEST_ID, requestId, MetadataKeys.USER_ID, userId));
    }
}
