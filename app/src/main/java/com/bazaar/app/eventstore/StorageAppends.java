package com.bazaar.app.eventstore;

/**
 * Event storage that tells this node of every append, whichever node made it, in this process and once the events
 * are readable: the embedded MongoDB server (it runs in this JVM and sees every insert). The event store then reads
 * only when told, and polls only as a fallback ({@link EventStoreConfiguration}).
 */
interface StorageAppends {

    /** {@code listener} runs after every append; it must be quick. */
    void onAppend(Runnable listener);
}
