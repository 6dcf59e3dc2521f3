package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.bazaar.app.RunningBazaar;
import com.bazaar.app.RunningBazaar.User;
import com.bazaar.app.TestPostgres;
import com.bazaar.app.order.Carts;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The move from MongoDB to PostgreSQL as an operator does it: stop the application, run the copy command, start the
 * application on PostgreSQL with the same read models. Events arrive with the same ids, order, metadata and sequence
 * numbers; the processors carry on after the last copied event instead of replaying; new commands append after the
 * copied history.
 */
class EventStoreMigrationTest {

    private static final String SAGA_ID = "saga-moving-house";
    private static final AssociationValue BY_ORDER = new AssociationValue("orderId", "order-moving");
    private static final AssociationValue BY_PAYMENT = new AssociationValue("paymentId", "pi_moving");

    @TempDir
    Path dataDir;

    /** One stored event as both stores keep it: envelope plus serialized payload and metadata. */
    record Stored(
            String id,
            String aggregateId,
            long sequence,
            String timestamp,
            String payloadType,
            String revision,
            String payload,
            String metaData) {}

    @Test
    void theCopyKeepsEveryEventAndTheApplicationCarriesOnOnPostgres() throws Exception {
        User seller;
        String sold;
        String onSale;
        List<Stored> inMongo;
        long sagasInMongo;
        long tokensInMongo;
        List<String> feedBefore;
        try (RunningBazaar onMongo = RunningBazaar.start(dataDir)) {
            seller = onMongo.signUp("Moving Seller");
            sold = onMongo.publishedListing(seller, "Lamp", 4500);
            onSale = onMongo.publishedListing(seller, "Chair", 2500);
            User buyer = onMongo.signUp("Moving Buyer");
            Carts.add(onMongo, buyer, sold);
            Carts.checkOut(onMongo, buyer, sold);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(feedIds(onMongo)).contains(onSale);
                onMongo.http()
                        .get()
                        .uri("/api/v1/listings/{id}", sold)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("reserved");
            });
            feedBefore = feedIds(onMongo);
            MongoTemplate mongo = onMongo.bean(MongoTemplate.class);
            inMongo = mongo.getCollection("domainevents")
                    .find()
                    .sort(new Document("timestamp", 1).append("sequenceNumber", 1))
                    .map(EventStoreMigrationTest::stored)
                    .into(new ArrayList<>());
            // A saga as the saga store keeps it (without Stripe keys the payment saga ends at once, storing none).
            onMongo.bean(SagaStore.class)
                    .insertSaga(
                            EventStorageContract.PaymentSaga.class,
                            SAGA_ID,
                            new EventStorageContract.PaymentSaga(sold, 2),
                            Set.of(BY_ORDER, BY_PAYMENT));
            sagasInMongo = mongo.getCollection("sagas").countDocuments();
            tokensInMongo = mongo.getCollection("trackingtokens").countDocuments();
        }
        assertThat(inMongo).extracting(Stored::payloadType).contains("com.bazaar.contracts.order.OrderPlaced");
        assertThat(sagasInMongo).isOne();

        TestPostgres.Database postgres = RunningBazaar.postgresOf(dataDir);
        String[] command = Stream.concat(
                        Stream.of(
                                "--bazaar.data-dir=" + dataDir,
                                "--bazaar.mongodb-uri=",
                                "--spring.main.log-startup-info=false",
                                EventStoreMigrationCommand.ARGUMENT),
                        Stream.of(postgres.applicationArguments()))
                .toArray(String[]::new);
        EventStoreMigrationCommand.run(command);

        assertThat(storedIn(postgres)).containsExactlyElementsOf(inMongo);
        assertThat(count(postgres, "sagaentry")).isEqualTo(sagasInMongo);
        assertThat(count(postgres, "tokenentry")).isEqualTo(tokensInMongo);
        assertThat(tokensIn(postgres))
                .as("every processor goes on after the last copied event, replaying nothing")
                .isNotEmpty()
                .allSatisfy(token -> assertThat(token).contains("\"index\":" + inMongo.size() + ","));
        assertThatThrownBy(() -> EventStoreMigrationCommand.run(command))
                .as("a second copy would duplicate the history")
                .hasStackTraceContaining("is not empty");

        try (RunningBazaar onPostgres = RunningBazaar.startOnPostgres(dataDir)) {
            assertThat(feedIds(onPostgres)).isEqualTo(feedBefore);
            StreamingEventProcessor feed = onPostgres
                    .bean(EventProcessingConfiguration.class)
                    .eventProcessor("feed", StreamingEventProcessor.class)
                    .orElseThrow();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !feed.processingStatus().isEmpty());
            assertThat(feed.isReplaying()).isFalse();

            assertThat(onPostgres
                            .bean(EventStore.class)
                            .readEvents(sold)
                            .asStream()
                            .map(EventMessage::getIdentifier)
                            .toList())
                    .containsExactlyElementsOf(inMongo.stream()
                            .filter(event -> event.aggregateId().equals(sold))
                            .map(Stored::id)
                            .toList());
            @SuppressWarnings("unchecked")
            SagaStore<EventStorageContract.PaymentSaga> sagas = onPostgres.bean(SagaStore.class);
            assertThat(sagas.findSagas(EventStorageContract.PaymentSaga.class, BY_PAYMENT))
                    .containsExactly(SAGA_ID);
            SagaStore.Entry<EventStorageContract.PaymentSaga> saga =
                    sagas.loadSaga(EventStorageContract.PaymentSaga.class, SAGA_ID);
            assertThat(saga.saga()).isEqualTo(new EventStorageContract.PaymentSaga(sold, 2));
            assertThat(saga.associationValues()).containsExactlyInAnyOrder(BY_ORDER, BY_PAYMENT);

            // The seller's account, token and listings moved along: a new listing appends after the copied history.
            String newListing = onPostgres.publishedListing(seller, "Mirror", 3000);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(feedIds(onPostgres))
                            .containsExactlyElementsOf(Stream.concat(Stream.of(newListing), feedBefore.stream())
                                    .toList()));
        }
    }

    private static List<String> feedIds(RunningBazaar bazaar) {
        JsonNode page = bazaar.http()
                .get()
                .uri("/api/v1/feed?limit=20")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody();
        List<String> ids = new ArrayList<>();
        page.at("/items").forEach(item -> ids.add(item.at("/id").asText()));
        return ids;
    }

    private static Stored stored(Document event) {
        return new Stored(
                event.getString("eventIdentifier"),
                event.getString("aggregateIdentifier"),
                ((Number) event.get("sequenceNumber")).longValue(),
                event.getString("timestamp"),
                event.getString("payloadType"),
                event.getString("payloadRevision"),
                text(event.get("serializedPayload")),
                text(event.get("serializedMetaData")));
    }

    private static String text(Object serialized) {
        return serialized instanceof Document document ? document.toJson() : (String) serialized;
    }

    private static List<Stored> storedIn(TestPostgres.Database postgres) throws SQLException {
        List<Stored> events = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT eventidentifier, aggregateidentifier, sequencenumber,"
                        + " timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry"
                        + " ORDER BY globalindex")) {
            while (rows.next()) {
                events.add(new Stored(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getLong(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        new String(rows.getBytes(7), StandardCharsets.UTF_8),
                        new String(rows.getBytes(8), StandardCharsets.UTF_8)));
            }
        }
        return events;
    }

    private static List<String> tokensIn(TestPostgres.Database postgres) throws SQLException {
        List<String> tokens = new ArrayList<>();
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT convert_from(token, 'UTF8') FROM tokenentry")) {
            while (rows.next()) {
                tokens.add(rows.getString(1));
            }
        }
        return tokens;
    }

    private static long count(TestPostgres.Database postgres, String table) throws SQLException {
        try (Connection connection = postgres.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
