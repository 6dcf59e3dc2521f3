package com.bazaar.platform.scheduling;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.Date;
import java.util.Optional;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.bson.Document;

/**
 * Looks before it locks: a lock another node holds is skipped after one read, instead of an upsert that fails on the
 * unique {@code _id} (which the embedded server logs as an error with a stack trace on every refused attempt). The
 * upsert still decides: two nodes that both see the lock free race on it there, and one of them wins.
 */
final class HeldLockCheck implements LockProvider {

    private final MongoCollection<Document> locks;
    private final LockProvider delegate;

    HeldLockCheck(MongoCollection<Document> locks, LockProvider delegate) {
        this.locks = locks;
        this.delegate = delegate;
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
        boolean held = locks.find(Filters.and(
                                Filters.eq("_id", configuration.getName()),
                                Filters.gt("lockUntil", Date.from(ClockProvider.now()))))
                        .first()
                != null;
        return held ? Optional.empty() : delegate.lock(configuration);
    }
}
