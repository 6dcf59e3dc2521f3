package com.bazaar.platform.eventsourcing;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The one way an aggregate that grows without bound declares its snapshot threshold: a property
 * {@code bazaar.<area>.snapshot-every} (README, "Configuration"; docs/OPERATIONS.md, "Snapshots and event upcasting")
 * read here with its default, checked at start-up, and turned into Axon's event-count trigger. Loading such an
 * aggregate then reads its newest snapshot and fewer than that many events.
 */
@Component
public class SnapshotThresholds {

    private final Snapshotter snapshotter;
    private final Binder binder;

    SnapshotThresholds(Snapshotter snapshotter, Environment environment) {
        this.snapshotter = snapshotter;
        this.binder = Binder.get(environment);
    }

    /** A snapshot every {@code property} events ({@code defaultEvents} when unset); a value below 1 stops start-up. */
    public SnapshotTriggerDefinition every(String property, int defaultEvents) {
        int events = binder.bind(property, Integer.class).orElse(defaultEvents);
        if (events < 1) {
            throw new IllegalStateException(property + " must be at least 1 (events between snapshots), was " + events);
        }
        return new EventCountSnapshotTriggerDefinition(snapshotter, events);
    }
}
