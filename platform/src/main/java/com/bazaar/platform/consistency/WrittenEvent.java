package com.bazaar.platform.consistency;

import java.util.Set;
import org.axonframework.eventhandling.TrackingToken;

/**
 * The events one write stored for one sequence (aggregate): its id, their payload types (so a read model that handles
 * none of them is not waited for), a token that covers them all and the newest of their timestamps (epoch ms).
 */
record WrittenEvent(String sequenceId, Set<String> payloadTypes, TrackingToken token, long writtenAt) {

    /** The sequence id of an entry that stands for every sequence (a write too large to list). */
    static final String ALL = "*";

    WrittenEvent {
        payloadTypes = Set.copyOf(payloadTypes);
    }
}
