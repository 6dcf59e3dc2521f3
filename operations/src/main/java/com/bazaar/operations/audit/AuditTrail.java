package com.bazaar.operations.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.audit.AuditTrailPort;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.platform.paging.SignedCursors;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.model.InsertManyOptions;
import jakarta.annotation.PostConstruct;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The {@code audit_trail} collection: one document per domain event (copied by {@link AuditTrailProjection}), per
 * security entry and per read of the audit, keyed by the event's or entry's id so that a second copy (a replay, a
 * redelivery) changes nothing. Entries are ordered by {@code sortKey}: the timestamp in nanoseconds, then the
 * aggregate sequence (events of one aggregate stamped alike stay in order), then the id; the same key is the cursor.
 * Blocking.
 */
@Component
class AuditTrail implements AuditTrailPort {

    static final String COLLECTION = "audit_trail";
    /** The last instant whose nanoseconds since the epoch fit a long (year 2262): filters beyond it mean "ever". */
    private static final Instant LAST_NANO = Instant.ofEpochSecond(0, Long.MAX_VALUE);

    private static final TypeReference<Map<String, Object>> DOCUMENT = new TypeReference<>() {};

    private static final String CURSOR_KIND = "audit";

    private final MongoTemplate mongo;
    private final ObjectMapper json;
    private final SignedCursors cursors;

    AuditTrail(MongoTemplate mongo, ObjectMapper json, SignedCursors cursors) {
        this.mongo = mongo;
        this.json = json;
        this.cursors = cursors;
    }

    @PostConstruct
    void ensureIndexes() {
        // Each filter with the order; MongoDB picks the one of the query's filter (mongo-java-server ignores them).
        for (String filter : List.of("aggregateType", "aggregateId", "userId", "eventType")) {
            mongo.indexOps(COLLECTION)
                    .ensureIndex(new Index()
                            .on(filter, Sort.Direction.ASC)
                            .on("sortKey", Sort.Direction.ASC)
                            .named(filter + "_sortKey"));
        }
        mongo.indexOps(COLLECTION)
                .ensureIndex(new Index().on("sortKey", Sort.Direction.ASC).named("sortKey"));
    }

    /**
     * Copies events from the event store in one unordered insert (one request, one disk sync on the embedded server);
     * a copy already there is kept as it is.
     */
    void copyAll(List<? extends EventMessage<?>> events) {
        List<Document> documents = events.stream()
                .map(event -> document(AuditItem.of(event, payloadOf(event))))
                .toList();
        try {
            mongo.getCollection(COLLECTION).insertMany(documents, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            if (!e.getWriteErrors().stream()
                    .allMatch(error -> ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
                throw e;
            }
            // Replayed or redelivered events: those entries are there already, and entries never change.
        }
    }

    JsonNode payloadOf(EventMessage<?> event) {
        return json.valueToTree(event.getPayload());
    }

    @Override
    public void record(Entry entry) {
        insert(new AuditItem(
                entry.entryId(),
                entry.aggregateType(),
                entry.aggregateId(),
                null,
                entry.eventType(),
                entry.at(),
                entry.userId(),
                entry.correlationId(),
                json.valueToTree(entry.payload())));
    }

    /** One page in the query's order, after its cursor; {@code nextCursor} is null on the last page. */
    AuditPage page(AuditQuery query) {
        Criteria criteria = new Criteria();
        List<Criteria> conditions = new ArrayList<>();
        addEquals(conditions, "aggregateType", query.aggregateType());
        addEquals(conditions, "aggregateId", query.aggregateId());
        addEquals(conditions, "userId", query.userId());
        addEquals(conditions, "eventType", query.eventType());
        if (query.fromInstant() != null) {
            conditions.add(where("sortKey").gte(timeKey(query.fromInstant())));
        }
        if (query.toInstant() != null) {
            // Inclusive: every key of that very nanosecond sorts before the key of the next one.
            conditions.add(where("sortKey").lt(timeKey(query.toInstant().plusNanos(1))));
        }
        String fingerprint = query.fingerprint();
        if (query.cursor() != null) {
            SignedCursors.Position position = cursors.decode(CURSOR_KIND, query.cursor());
            if (!position.text("q").equals(fingerprint)) {
                throw new InvalidInputException(
                        "cursor", "belongs to other filters or another order; start from the first page");
            }
            String after = position.text("after");
            conditions.add(
                    query.ascending()
                            ? where("sortKey").gt(after)
                            : where("sortKey").lt(after));
        }
        if (!conditions.isEmpty()) {
            criteria.andOperator(conditions);
        }
        Query find = Query.query(criteria)
                .with(Sort.by(query.ascending() ? Sort.Direction.ASC : Sort.Direction.DESC, "sortKey"))
                .limit(query.limit() + 1);
        List<Document> found = mongo.find(find, Document.class, COLLECTION);
        boolean more = found.size() > query.limit();
        List<Document> page = more ? found.subList(0, query.limit()) : found;
        String nextCursor = more
                ? cursors.encode(
                        CURSOR_KIND,
                        Map.of(
                                "q",
                                fingerprint,
                                "after",
                                page.get(page.size() - 1).getString("sortKey")))
                : null;
        return new AuditPage(page.stream().map(this::item).toList(), nextCursor);
    }

    private void insert(AuditItem item) {
        try {
            mongo.insert(document(item), COLLECTION);
        } catch (DuplicateKeyException alreadyCopied) {
            // A replay or a redelivery: the entry is there already, and entries never change.
        }
    }

    private Document document(AuditItem item) {
        return new Document("_id", item.eventId())
                .append("sortKey", sortKey(item))
                .append("aggregateType", item.aggregateType())
                .append("aggregateId", item.aggregateId())
                .append("sequence", item.sequence())
                .append("eventType", item.eventType())
                .append("timestamp", Date.from(item.timestamp()))
                .append("nanos", item.timestamp().getNano())
                .append("userId", item.userId())
                .append("correlationId", item.correlationId())
                .append("payload", new Document(json.convertValue(item.payload(), DOCUMENT)));
    }

    private AuditItem item(Document document) {
        Instant timestamp =
                document.getDate("timestamp").toInstant().plusNanos(document.getInteger("nanos", 0) % 1_000_000);
        Number sequence = (Number) document.get("sequence");
        JsonNode payload = json.valueToTree(document.get("payload", Document.class));
        return new AuditItem(
                document.getString("_id"),
                document.getString("aggregateType"),
                document.getString("aggregateId"),
                sequence == null ? null : sequence.longValue(),
                document.getString("eventType"),
                timestamp,
                document.getString("userId"),
                document.getString("correlationId"),
                payload);
    }

    private static void addEquals(List<Criteria> conditions, String field, String value) {
        if (value != null) {
            conditions.add(where(field).is(value));
        }
    }

    private static String sortKey(AuditItem item) {
        return timeKey(item.timestamp()) + "|" + String.format("%019d", item.sequence() == null ? 0 : item.sequence())
                + "|" + item.eventId();
    }

    /** Nanoseconds since the epoch, fixed width, so that keys sort as strings in time order. */
    private static String timeKey(Instant at) {
        if (at.isBefore(Instant.EPOCH)) {
            return "0".repeat(20);
        }
        if (at.isAfter(LAST_NANO)) {
            return "9".repeat(20);
        }
        return String.format("%020d", at.getEpochSecond() * 1_000_000_000L + at.getNano());
    }
}
