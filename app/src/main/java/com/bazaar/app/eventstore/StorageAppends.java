package com.bazaar.app.eventstore;

/**
 * Event storage that tells this node of appends, whichever node made them, once the events are readable: the
 * embedded MongoDB server (it runs in this JVM and sees every insert) and PostgreSQL (every append notifies every
 * node, {@link PostgresArrivalNotifications}). The event store then reads when told, and polls only as a fallback
 * ({@link EventStoreConfiguration}).
 */
interface StorageAppends {

    /** {@code listener} runs after appends; it must be quick. */
    void onAppend(Runnable listener);

    /**
     * Whether this node's own appends are announced too, synchronously, before the append returns; then a commit on
     * this node need not also wake the store. An asynchronous announcement (a database notification, which a broken
     * connection can delay) does not replace that wake-up.
     */
    boolean announcesOwnAppendsAtOnce();
}
