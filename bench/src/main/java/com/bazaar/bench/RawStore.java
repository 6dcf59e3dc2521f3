package com.bazaar.bench;

/**
 * The same store the application's event store uses, driven directly through its driver (MongoDB Java driver or
 * JDBC) with no Axon and no application in between: the baselines the store benchmark divides by.
 */
interface RawStore {

    /** Creates the scratch collection/table the raw inserts go to (same shape and unique key as the events'). */
    void prepareScratch();

    /** One insert of an event-equivalent document/row into the scratch store, acknowledged like an append. */
    void insert(String aggregateId, long sequence, String eventId, String payloadType, byte[] payload);

    /** Reads every stored event once, in storage order, touching each payload; answers how many. */
    long readAllEvents();

    /** Reads one aggregate's events in sequence order, touching each payload; answers how many. */
    long readAggregate(String aggregateId);

    /** Deletes the aggregate's snapshots, so that the next load reads its whole history. */
    void deleteSnapshots(String aggregateId);

    /** Stored events (the domain events table/collection). */
    long countEvents();
}
