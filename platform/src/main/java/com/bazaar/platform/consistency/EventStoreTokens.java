package com.bazaar.platform.consistency;

import java.util.Map;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;

/**
 * What read-your-writes needs from the event store in use, implemented beside its storage configuration: the tracking
 * position of one stored event, and every segment's position of a processor as the shared token store has it. Both are
 * read from the stores, never from one node's memory, so a write on one node can be awaited on another.
 */
public interface EventStoreTokens {

    /**
     * The tracking token of exactly {@code event}, when the store can name it from the event alone (MongoDB: timestamp
     * and id); empty when only the store's head after the write can stand for it (PostgreSQL: the global index is
     * drawn at insert).
     */
    Optional<TrackingToken> tokenOf(EventMessage<?> event);

    /**
     * Every segment of {@code processorName} with its stored token (null when it has none yet), read without claiming
     * anything. Blocking.
     */
    Map<Integer, TrackingToken> segmentTokens(String processorName);
}
