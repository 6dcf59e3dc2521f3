package com.bazaar.contracts.common;

/**
 * Keys of the message metadata every command and event carries, so the audit trail can tell who did what, when and
 * through which request. Axon's own {@code correlationId}/{@code traceId} keep the message causation chain.
 */
public final class MetadataKeys {

    /** The id of the HTTP/RSocket request that caused the message ({@code X-Request-Id}). */
    public static final String REQUEST_ID = "requestId";
    /** The id of the user on whose behalf the message was sent. */
    public static final String USER_ID = "userId";

    private MetadataKeys() {}
}
