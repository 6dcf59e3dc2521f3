package com.bazaar.app.eventstore;

import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.Collections;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.extensions.mongo.eventhandling.saga.repository.SagaEntry;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies Axon's event store from MongoDB (axon-mongo's collections) into the PostgreSQL schema of
 * {@link AxonPostgresStorageConfiguration}, in one transaction, so a deployment can move (docs/EVENT-STORE.md).
 *
 * <p>Events keep their ids, aggregate, sequence number, timestamp, type, payload type and revision, and their
 * serialized payload and metadata byte for byte; their global index follows the order Mongo tracking delivered them
 * in (timestamp, then sequence number). Sagas keep their state and associations. Every processor that has tokens in
 * MongoDB gets, for each of its segments, a token at the last copied event: the read models in MongoDB already hold
 * everything, so nothing is replayed and no side effect (a payment, a notification) runs twice. That is only true when
 * the processors had caught up, which is why the command is run with every node stopped.
 */
final class MongoToPostgresMigration {

    private static final Logger log = LoggerFactory.getLogger(MongoToPostgresMigration.class);
    private static final int BATCH = 500;

    /** What was copied. */
    record Copied(long events, long snapshots, long sagas, long tokens) {}

    private final MongoDatabase source;
    private final DataSource target;
    private final Serializer serializer;
    private final Clock clock;

    MongoToPostgresMigration(MongoDatabase source, DataSource target, Serializer serializer, Clock clock) {
        this.source = source;
        this.target = target;
        this.serializer = serializer;
        this.clock = clock;
    }

    Copied copy() throws SQLException {
        try (Connection connection = target.getConnection()) {
            connection.setAutoCommit(false);
            try {
                refuseANonEmptyTarget(connection);
                long events = copyEvents(connection, "domainevents", "domainevententry");
                long snapshots = copyEvents(connection, "snapshotevents", "snapshotevententry");
                long sagas = copySagas(connection);
                long tokens = copyTokenPositions(connection);
                connection.commit();
                Copied copied = new Copied(events, snapshots, sagas, tokens);
                log.info("Copied the event store from MongoDB to PostgreSQL: {}", copied);
                return copied;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static void refuseANonEmptyTarget(Connection connection) throws SQLException {
        for (String table : new String[] {"domainevententry", "snapshotevententry", "tokenentry", "sagaentry"}) {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT EXISTS (SELECT 1 FROM " + table + ")")) {
                rows.next();
                if (rows.getBoolean(1)) {
                    throw new IllegalStateException("PostgreSQL table " + table
                            + " is not empty: the copy goes into an empty event store only");
                }
            }
        }
    }

    private long copyEvents(Connection connection, String collection, String table) throws SQLException {
        long copied = 0;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                        + " (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,"
                        + " payloadrevision, payload, metadata) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
                MongoCursor<Document> events = source.getCollection(collection)
                        .find()
                        .sort(Sorts.ascending("timestamp", "sequenceNumber"))
                        .iterator()) {
            while (events.hasNext()) {
                Document event = events.next();
                insert.setString(1, event.getString("eventIdentifier"));
                insert.setString(2, event.getString("aggregateIdentifier"));
                insert.setLong(3, ((Number) event.get("sequenceNumber")).longValue());
                insert.setString(4, event.getString("type"));
                insert.setString(5, event.getString("timestamp"));
                insert.setString(6, event.getString("payloadType"));
                insert.setString(7, event.getString("payloadRevision"));
                insert.setBytes(8, bytes(event.get("serializedPayload")));
                insert.setBytes(9, bytes(event.get("serializedMetaData")));
                insert.addBatch();
                if (++copied % BATCH == 0) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return copied;
    }

    private long copySagas(Connection connection) throws SQLException {
        long copied = 0;
        try (PreparedStatement saga = connection.prepareStatement(
                        "INSERT INTO sagaentry (sagaid, sagatype, revision, serializedsaga) VALUES (?, ?, NULL, ?)");
                PreparedStatement association = connection.prepareStatement("INSERT INTO associationvalueentry"
                        + " (associationkey, associationvalue, sagatype, sagaid) VALUES (?, ?, ?, ?)");
                MongoCursor<Document> sagas =
                        source.getCollection("sagas").find().iterator()) {
            while (sagas.hasNext()) {
                Document document = sagas.next();
                String sagaType = document.getString("sagaType");
                String sagaId = document.getString("sagaIdentifier");
                saga.setString(1, sagaId);
                saga.setString(2, sagaType);
                saga.setBytes(3, bytes(document.get("serializedSaga")));
                saga.addBatch();
                for (AssociationValue value : new SagaEntry<>(document).getAssociationValues()) {
                    association.setString(1, value.getKey());
                    association.setString(2, value.getValue());
                    association.setString(3, sagaType);
                    association.setString(4, sagaId);
                    association.addBatch();
                }
                copied++;
            }
            saga.executeBatch();
            association.executeBatch();
        }
        return copied;
    }

    /** Each (processor, segment) MongoDB has a token for starts after the last copied event. */
    private long copyTokenPositions(Connection connection) throws SQLException {
        long head;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT max(globalindex) FROM domainevententry")) {
            rows.next();
            head = rows.getLong(1);
        }
        SerializedObject<byte[]> token = serializer.serialize(
                GapAwareTrackingToken.newInstance(head, Collections.emptySortedSet()), byte[].class);
        long copied = 0;
        try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO tokenentry"
                                + " (processorname, segment, token, tokentype, timestamp, owner) VALUES (?, ?, ?, ?, ?, NULL)");
                MongoCursor<Document> tokens =
                        source.getCollection("trackingtokens").find().iterator()) {
            while (tokens.hasNext()) {
                Document mongoToken = tokens.next();
                insert.setString(1, mongoToken.getString("processorName"));
                insert.setInt(2, ((Number) mongoToken.get("segment")).intValue());
                insert.setBytes(3, head == 0 ? null : token.getData());
                insert.setString(4, head == 0 ? null : token.getType().getName());
                insert.setString(5, DateTimeUtils.formatInstant(clock.instant()));
                insert.addBatch();
                copied++;
            }
            insert.executeBatch();
        }
        return copied;
    }

    /** axon-mongo stores Jackson output as a string (or, by other serializers, a document or binary). */
    private static byte[] bytes(Object serialized) {
        if (serialized == null) {
            return null;
        }
        if (serialized instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        if (serialized instanceof Binary binary) {
            return binary.getData();
        }
        if (serialized instanceof byte[] raw) {
            return raw;
        }
        if (serialized instanceof Document document) {
            return document.toJson().getBytes(StandardCharsets.UTF_8);
        }
        throw new IllegalStateException(
                "Unexpected serialized form " + serialized.getClass().getName());
    }
}
