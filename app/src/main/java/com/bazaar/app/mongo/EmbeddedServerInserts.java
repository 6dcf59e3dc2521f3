package com.bazaar.app.mongo;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells this node of every insert the embedded MongoDB server stores, from this node or from another node connected
 * to it, as soon as it is on disk. The event store listens for appends this way instead of polling the events, which
 * on the embedded server (no secondary indexes) means scanning them all (docs/EVENT-STORE.md, "Event arrival").
 */
public final class EmbeddedServerInserts {

    private final Map<String, List<Runnable>> listeners = new ConcurrentHashMap<>();

    /** {@code listener} runs on the server's worker thread after each insert into {@code collection}: keep it short. */
    public void onInsertInto(String collection, Runnable listener) {
        listeners
                .computeIfAbsent(collection, name -> new CopyOnWriteArrayList<>())
                .add(listener);
    }

    void inserted(String collection) {
        listeners.getOrDefault(collection, List.of()).forEach(Runnable::run);
    }
}
