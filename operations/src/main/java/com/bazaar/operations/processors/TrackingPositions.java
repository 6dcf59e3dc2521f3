package com.bazaar.operations.processors;

import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.TrackingToken;

/**
 * What only the event store's own storage can say about tracking: where the newest event stands, where a token stands
 * in the same terms, and a processor's rows in the token store (the node claiming each segment), whichever node holds
 * them. Each storage configuration of the application (MongoDB, PostgreSQL) provides one.
 */
public interface TrackingPositions {

    /** The newest event in the store; {@link Position#UNKNOWN} while the store is empty. */
    Position head();

    /** Where {@code token} stands, in the same terms as {@link #head()}; {@link Position#UNKNOWN} for none. */
    Position of(TrackingToken token);

    /** Whether {@link Position#index()} is known (a store that numbers its events): lag can then be told in events. */
    boolean numbersEvents();

    /** The processor's segments as its token store holds them, by segment id; empty for a per-node (in-memory) store. */
    List<StoredSegment> segments(String processorName);

    /**
     * A place in the event stream: the event's global index where the store numbers events (PostgreSQL), and its
     * timestamp. Either may be null when the store cannot tell.
     */
    record Position(Long index, Instant timestamp) {

        public static final Position UNKNOWN = new Position(null, null);
    }

    /** One token store row: the segment, the node that claims it (null: nobody) and the token it stored last. */
    record StoredSegment(int segment, String owner, TrackingToken token) {}
}
