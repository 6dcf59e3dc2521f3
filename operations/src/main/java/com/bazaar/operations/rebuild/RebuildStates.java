package com.bazaar.operations.rebuild;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.or;

import com.bazaar.platform.readmodel.ReadModelCollections;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * The shared state of each processor's rebuild, in the same document as its active generation
 * ({@link ReadModelCollections#GENERATIONS}). The document is the cluster-wide lock: a rebuild is claimed by one
 * conditional update, so two requests on two nodes cannot both start one. Only the claiming node (and only the run it
 * claimed, identified by its target generation) writes progress.
 */
@Component
class RebuildStates {

    static final String ACTIVE = ReadModelCollections.ACTIVE_GENERATION;
    static final String STATE = "state";
    static final String TARGET = "targetGeneration";
    static final String PROGRESS = "progress";
    static final String HANDLED = "eventsHandled";
    static final String TOTAL = "eventsTotal";
    static final String STARTED_AT = "startedAt";
    static final String STARTED_BY = "startedBy";
    static final String NODE = "node";
    static final String HEARTBEAT = "heartbeat";
    static final String FINISHED_AT = "finishedAt";
    static final String MESSAGE = "message";

    static final String REBUILDING = "rebuilding";
    static final String SWAPPING = "swapping";
    static final String DONE = "done";
    static final String FAILED = "failed";
    static final Set<String> RUNNING = Set.of(REBUILDING, SWAPPING);

    private final MongoCollection<Document> states;

    RebuildStates(MongoTemplate mongo) {
        this.states = mongo.getCollection(ReadModelCollections.GENERATIONS);
    }

    Optional<Document> find(String processor) {
        return Optional.ofNullable(states.find(eq("_id", processor)).first());
    }

    List<Document> all() {
        return states.find().into(new ArrayList<>());
    }

    /**
     * Claims a rebuild of {@code processor} for {@code node}: empty if one is running (and its node is alive, judged
     * by a heartbeat newer than {@code staleAfter}), else the claimed state with a generation never used before.
     */
    Optional<Document> claim(String processor, String userId, String node, Instant now, Duration staleAfter) {
        try {
            states.updateOne(eq("_id", processor), Updates.setOnInsert(ACTIVE, 0), new UpdateOptions().upsert(true));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        Document current = find(processor).orElseThrow();
        int active = current.get(ACTIVE) instanceof Number n ? n.intValue() : 0;
        Object previousTarget = current.get(TARGET);
        int target = Math.max(active, previousTarget instanceof Number n ? n.intValue() : 0) + 1;
        Bson notRunning = or(nin(STATE, RUNNING), lt(HEARTBEAT, Date.from(now.minus(staleAfter))));
        Document claimed = states.findOneAndUpdate(
                and(eq("_id", processor), notRunning, eq(TARGET, previousTarget)),
                Updates.combine(
                        Updates.set(STATE, REBUILDING),
                        Updates.set(TARGET, target),
                        Updates.set(PROGRESS, 0),
                        Updates.unset(HANDLED),
                        Updates.unset(TOTAL),
                        Updates.set(STARTED_AT, Date.from(now)),
                        Updates.set(STARTED_BY, userId),
                        Updates.set(NODE, node),
                        Updates.set(HEARTBEAT, Date.from(now)),
                        Updates.unset(FINISHED_AT),
                        Updates.unset(MESSAGE)),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
        return Optional.ofNullable(claimed);
    }

    /** Updates the run claimed with {@code target}; false if it is no longer this run's (taken over). */
    boolean update(String processor, int target, Bson update) {
        return states.updateOne(and(eq("_id", processor), eq(TARGET, target)), update)
                        .getModifiedCount()
                > 0;
    }
}
