package com.bazaar.app.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

/**
 * mongo-java-server's H2 backend, but a write is on disk before the server answers it. The stock backend leaves its
 * MVStore to H2's background writer, which commits about once a second, so a {@code kill -9} lost the last second of
 * acknowledged writes (events included). Here every command that may change data is followed by an MVStore commit
 * (the changed pages are written to the file) and an fsync, in the thread that answers the command; the driver's
 * {@code ok} therefore means what a journaled write means on MongoDB. The background writer stays on for H2's
 * housekeeping (rewriting sparse chunks). Cost: docs/PERFORMANCE.md.
 *
 * <p>One exception: a write to a rebuildable read model's collection is answered without a commit of its own. Every
 * read-model processor commits and syncs the store once per batch of events before its token is committed
 * ({@code ReadModelDurability}), and an MVStore commit writes every change made before it; a read-model write whose
 * token was not yet stored is applied again from its event after a crash (every projection is idempotent). Until then
 * H2's background writer commits it within a second anyway.
 */
final class DurableH2Backend extends H2Backend {

    /**
     * Commands that never change data. Everything else is committed: an unknown command costs an fsync, a write
     * that slipped through would cost an acknowledged write.
     */
    private static final Set<String> READ_ONLY_COMMANDS = Set.of(
            "find",
            "getmore",
            "killcursors",
            "count",
            "distinct",
            "listcollections",
            "listindexes",
            "listdatabases",
            "ping",
            "hello",
            "ismaster",
            "buildinfo",
            "whatsmyuri",
            "serverstatus",
            "dbstats",
            "collstats",
            "getparameter",
            "getcmdlineopts",
            "hostinfo",
            "getlog",
            "getfreemonitoringstatus",
            "connectionstatus",
            "currentop",
            "endsessions",
            "getlasterror",
            "explain");

    /** The commands that change documents of the collection named by their first field. */
    private static final Set<String> DOCUMENT_WRITES = Set.of("insert", "update", "delete", "findandmodify");

    private final Predicate<String> coveredByTokenCommit;
    private final EmbeddedServerInserts inserts;

    /**
     * @param coveredByTokenCommit collections whose writes need no commit of their own (see the class comment); {@code
     *     collection -> false} syncs every write
     * @param inserts told of every insert command once it is on disk, whichever client sent it
     */
    DurableH2Backend(MVStore store, Predicate<String> coveredByTokenCommit, EmbeddedServerInserts inserts) {
        super(store);
        this.coveredByTokenCommit = coveredByTokenCommit;
        this.inserts = inserts;
    }

    /**
     * The stock database, with its unique single-field indexes also used for queries that name more fields, and
     * compared without serializing their keys on every comparison ({@link IndexKeyType}).
     */
    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new H2Database(databaseName, getMvStore(), getCursorRegistry()) {
            @Override
            protected Index<Object> openOrCreateUniqueIndex(
                    String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
                // The stock index opens its map by this name; opened here first, it gets the already open map.
                getMvStore()
                        .openMap(
                                getFullCollectionNamespace(collectionName) + "._index_" + indexName,
                                new MVMap.Builder<KeyValue, Object>().keyType(new IndexKeyType()));
                return EqualityLookupIndex.wrap(super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse));
            }
        };
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            // Also after a failed command: an insertMany that stopped at a duplicate key has stored what came before.
            if (mayWrite(command, query) && !coveredByTokenCommit(command, query)) {
                commitToDisk();
            }
            if (command.equalsIgnoreCase("insert") && query.get(command) instanceof String collection) {
                inserts.inserted(collection);
            }
        }
    }

    private boolean coveredByTokenCommit(String command, Document query) {
        return DOCUMENT_WRITES.contains(command.toLowerCase(Locale.ROOT))
                && query.get(command) instanceof String collection
                && coveredByTokenCommit.test(collection);
    }

    private static boolean mayWrite(String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("aggregate")) {
            Object pipeline = query.get("pipeline");
            return pipeline != null
                    && (pipeline.toString().contains("$out")
                            || pipeline.toString().contains("$merge"));
        }
        return !READ_ONLY_COMMANDS.contains(name);
    }

    /**
     * {@link MVStore#commit()} writes the changed pages with {@code FileChannel.write} (enough to survive the process
     * dying: they are in the OS page cache), {@link MVStore#sync()} forces them to the device (enough to survive the
     * machine dying). Concurrent callers are serialised by the store's own lock; a caller whose change another
     * caller's commit already wrote still syncs before it answers.
     */
    private void commitToDisk() {
        commitToDisk(getMvStore());
    }

    static void commitToDisk(MVStore store) {
        store.commit();
        store.sync();
    }
}
