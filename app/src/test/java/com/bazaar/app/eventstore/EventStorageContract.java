package com.bazaar.app.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.AssociationValuesImpl;
import org.axonframework.modelling.saga.repository.SagaStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;

/**
 * What Bazaar relies on from an event store as Axon's event, token and saga store, whichever database holds it. The
 * same tests run against every store Bazaar can be pointed at (embedded mongo-java-server, real MongoDB, PostgreSQL),
 * so a behaviour one of them fakes or lacks shows up as a failure of one subclass only.
 *
 * <p>The storage components come from the production wiring (each store's configuration class), called without a
 * Spring context, so a change there (a dropped index, another storage strategy) is exercised here too.
 */
abstract class EventStorageContract {

    /** Short, so the look-back characterization needs no sleeping; production uses bazaar.look-back (5s). */
    static final Duration LOOK_BACK = Duration.ofMillis(500);

    private static final String TYPE = "Thing";

    record SomethingHappened(String id, int n) {}

    /**
     * The storage components under test, wired as production wires them, on a store no earlier test has written to.
     *
     * @param otherNode a second token store on the same data with another node id, as a second application node has
     */
    record Storage(
            EventStorageEngine engine,
            TokenStore tokenStore,
            TokenStore otherNode,
            SagaStore<Object> sagaStore,
            Class<? extends TrackingToken> trackingTokenType) {}

    /** Called before every test. */
    abstract Storage wireStorageLikeProduction(Serializer serializer);

    /** Called after every test. */
    abstract void dropStorage();

    /**
     * Runs {@code work} as one production unit of work would run against this store (in one transaction where the
     * store has them), and {@code whileUncommitted} after {@code work} has written but before its writes commit.
     */
    abstract void commitAfter(Runnable work, Runnable whileUncommitted) throws Exception;

    /**
     * What the store does with an event that becomes visible after a tracking reader has moved past newer events by
     * more than {@link #LOOK_BACK}: {@code delivered} is what the reader got after the late commit.
     */
    abstract void thenTheLateEvent(EventMessage<?> late, List<String> delivered, SimpleMeterRegistry guardMeters);

    private Serializer serializer;
    EventStorageEngine engine;
    private TokenStore tokenStore;
    private SagaStore<Object> sagaStore;
    private Storage storage;

    @BeforeEach
    void wireStorage() {
        serializer = springLikeJacksonSerializer();
        storage = wireStorageLikeProduction(serializer);
        engine = storage.engine();
        tokenStore = storage.tokenStore();
        sagaStore = storage.sagaStore();
    }

    @AfterEach
    void dropData() {
        dropStorage();
    }

    @Test
    void eventsOfAnAggregateAreReadBackInSequenceWithPayloadAndMetaData() {
        String aggregateId = newId();
        MetaData metaData = MetaData.with("requestId", "req-42").and("userId", "user-7");
        List<DomainEventMessage<?>> written = List.of(
                event(aggregateId, 0, 10, metaData),
                event(aggregateId, 1, 11, metaData),
                event(aggregateId, 2, 12, metaData));
        // One append per event, as three successive commands would do; the read must not depend on insert batching.
        written.forEach(engine::appendEvents);
        engine.appendEvents(event(newId(), 0, 99, MetaData.emptyInstance()));

        List<? extends DomainEventMessage<?>> read =
                engine.readEvents(aggregateId).asStream().toList();

        assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(0L, 1L, 2L);
        assertThat(payloads(read))
                .containsExactly(
                        new SomethingHappened(aggregateId, 10),
                        new SomethingHappened(aggregateId, 11),
                        new SomethingHappened(aggregateId, 12));
        assertThat(read)
                .extracting(EventMessage::getIdentifier)
                .containsExactlyElementsOf(
                        written.stream().map(EventMessage::getIdentifier).toList());
        assertThat(read).allSatisfy(message -> {
            assertThat(message.getAggregateIdentifier()).isEqualTo(aggregateId);
            assertThat(message.getType()).isEqualTo(TYPE);
            assertThat(message.getMetaData())
                    .containsEntry("requestId", "req-42")
                    .containsEntry("userId", "user-7");
        });
        // Stored timestamps are millisecond strings; the look-back arithmetic works on that precision.
        assertThat(read)
                .extracting(EventMessage::getTimestamp)
                .containsExactlyElementsOf(written.stream()
                        .map(message -> message.getTimestamp().truncatedTo(ChronoUnit.MILLIS))
                        .toList());
        assertThat(engine.lastSequenceNumberFor(aggregateId)).contains(2L);
    }

    @Test
    void reusingASequenceNumberFailsWithConcurrencyExceptionAndLeavesTheStreamUntouched() {
        String aggregateId = newId();
        engine.appendEvents(event(aggregateId, 0, 0), event(aggregateId, 1, 1));

        // A second writer that loaded the aggregate at sequence 0 and now appends two events: the first collides.
        assertThatThrownBy(() -> engine.appendEvents(event(aggregateId, 1, 100), event(aggregateId, 2, 101)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(payloads(engine.readEvents(aggregateId).asStream().toList()))
                .containsExactly(new SomethingHappened(aggregateId, 0), new SomethingHappened(aggregateId, 1));
        assertThat(engine.lastSequenceNumberFor(aggregateId)).contains(1L);
    }

    @Test
    void reusingSequenceNumberZeroFailsAsAggregateStreamCreationNotAsConcurrencyException() {
        // Axon reports a collision on the first event as AggregateStreamCreationException, which does NOT extend
        // ConcurrencyException: code that catches only ConcurrencyException misses two racing creations.
        String aggregateId = newId();
        engine.appendEvents(event(aggregateId, 0, 1));

        assertThatThrownBy(() -> engine.appendEvents(event(aggregateId, 0, 2)))
                .isInstanceOf(AggregateStreamCreationException.class)
                .isNotInstanceOf(ConcurrencyException.class);
        assertThat(payloads(engine.readEvents(aggregateId).asStream().toList()))
                .containsExactly(new SomethingHappened(aggregateId, 1));
    }

    @Test
    void aTrackingStreamDeliversEveryEventOnceInAggregateOrderAndReplaysIdentically() {
        List<String> aggregates = List.of(newId(), newId(), newId());
        int perAggregate = 90;
        // More events than Axon's default batch size (100), so the stream crosses batch boundaries, where the token's
        // look-back re-read and known-event filter do their work. Timestamps are explicit and 1 ms apart because this
        // store orders by (timestamp, sequenceNumber) only: events of different aggregates in the same millisecond
        // have no defined relative order, and a replay could legitimately interleave them differently.
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        List<EventMessage<?>> appended = new ArrayList<>();
        for (int seq = 0; seq < perAggregate; seq++) {
            for (String aggregateId : aggregates) {
                appended.add(event(aggregateId, seq, seq, start.plusMillis(appended.size())));
            }
        }
        engine.appendEvents(appended);

        List<? extends TrackedEventMessage<?>> delivered =
                engine.readEvents(engine.createTailToken(), false).toList();

        assertThat(delivered)
                .extracting(EventMessage::getIdentifier)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        appended.stream().map(EventMessage::getIdentifier).toList());
        Map<String, List<Long>> sequencesPerAggregate = delivered.stream()
                .map(message -> (DomainEventMessage<?>) message)
                .collect(Collectors.groupingBy(
                        DomainEventMessage::getAggregateIdentifier,
                        LinkedHashMap::new,
                        Collectors.mapping(DomainEventMessage::getSequenceNumber, Collectors.toList())));
        assertThat(sequencesPerAggregate).containsOnlyKeys(aggregates);
        sequencesPerAggregate
                .values()
                .forEach(sequences ->
                        assertThat(sequences).hasSize(perAggregate).isSortedAccordingTo(Comparator.naturalOrder()));

        TrackingToken last = delivered.get(delivered.size() - 1).trackingToken();
        assertThat(engine.readEvents(last, false).toList()).isEmpty();

        // A reset restarts a processor from the tail (or from "no token"); both must replay the very same history.
        List<String> firstPass = identifiers(delivered);
        assertThat(identifiers(
                        engine.readEvents(engine.createTailToken(), false).toList()))
                .isEqualTo(firstPass);
        assertThat(identifiers(engine.readEvents(null, false).toList())).isEqualTo(firstPass);
    }

    @Test
    void aTokenStoredByOneNodeIsFetchedBackAndItsSegmentCannotBeClaimedByAnotherUntilReleased() {
        String processor = "contract-processor";
        TokenStore otherNode = storage.otherNode();
        tokenStore.initializeTokenSegments(processor, 2);
        assertThat(tokenStore.fetchSegments(processor)).containsExactly(0, 1);

        // The token Bazaar's processors really store with this engine.
        engine.appendEvents(event(newId(), 0, 1));
        TrackingToken token = engine.readEvents(null, false).toList().get(0).trackingToken();
        assertThat(token).isInstanceOf(storage.trackingTokenType());

        assertThat(tokenStore.fetchToken(processor, 0)).isNull();
        tokenStore.storeToken(token, processor, 0);
        assertThat(tokenStore.fetchToken(processor, 0)).isEqualTo(token);

        assertThatThrownBy(() -> otherNode.fetchToken(processor, 0)).isInstanceOf(UnableToClaimTokenException.class);
        assertThatThrownBy(() -> otherNode.storeToken(token, processor, 0))
                .isInstanceOf(UnableToClaimTokenException.class);
        assertThat(otherNode.fetchToken(processor, 1))
                .as("an unclaimed segment is free for any node")
                .isNull();

        tokenStore.releaseClaim(processor, 0);

        assertThat(otherNode.fetchToken(processor, 0)).isEqualTo(token);
        assertThatThrownBy(() -> tokenStore.fetchToken(processor, 0)).isInstanceOf(UnableToClaimTokenException.class);
    }

    @Test
    void aSagaIsFoundByAssociationLoadedUpdatedAndDeleted() {
        String sagaId = newId();
        AssociationValue byOrder = new AssociationValue("orderId", "order-1");
        AssociationValue byPayment = new AssociationValue("paymentId", "payment-1");
        sagaStore.insertSaga(PaymentSaga.class, sagaId, new PaymentSaga("order-1", 0), Set.of(byOrder));
        sagaStore.insertSaga(
                PaymentSaga.class,
                newId(),
                new PaymentSaga("order-2", 0),
                Set.of(new AssociationValue("orderId", "order-2")));

        assertThat(sagaStore.findSagas(PaymentSaga.class, byOrder)).containsExactly(sagaId);
        assertThat(sagaStore.findSagas(PaymentSaga.class, byPayment)).isEmpty();
        SagaStore.Entry<PaymentSaga> loaded = sagaStore.loadSaga(PaymentSaga.class, sagaId);
        assertThat(loaded.saga()).isEqualTo(new PaymentSaga("order-1", 0));
        assertThat(loaded.associationValues()).containsExactly(byOrder);

        AssociationValuesImpl associations = new AssociationValuesImpl(Set.of(byOrder));
        associations.add(byPayment);
        sagaStore.updateSaga(PaymentSaga.class, sagaId, new PaymentSaga("order-1", 3), associations);

        SagaStore.Entry<PaymentSaga> updated = sagaStore.loadSaga(PaymentSaga.class, sagaId);
        assertThat(updated.saga()).isEqualTo(new PaymentSaga("order-1", 3));
        assertThat(updated.associationValues()).containsExactlyInAnyOrder(byOrder, byPayment);
        assertThat(sagaStore.findSagas(PaymentSaga.class, byPayment)).containsExactly(sagaId);

        sagaStore.deleteSaga(PaymentSaga.class, sagaId, Set.of(byOrder, byPayment));

        assertThat(sagaStore.loadSaga(PaymentSaga.class, sagaId)).isNull();
        assertThat(sagaStore.findSagas(PaymentSaga.class, byOrder)).isEmpty();
        assertThat(sagaStore.findSagas(PaymentSaga.class, byPayment)).isEmpty();
        assertThat(sagaStore.findSagas(PaymentSaga.class, new AssociationValue("orderId", "order-2")))
                .hasSize(1);
    }

    /**
     * The late commit: an event's timestamp is taken when the aggregate applies it, but it becomes visible only when
     * its unit of work commits. Here it commits after a tracking reader has already read a newer event and moved
     * more than the look-back window past the late event's timestamp. Each store says what happens then
     * ({@link #thenTheLateEvent}); docs/EVENT-STORE.md explains both.
     */
    @Test
    void anEventCommittedAfterAReaderMovedPastItByMoreThanTheLookBackWindow() throws Exception {
        Instant head = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventMessage<?> newest = event(newId(), 0, 0, head);
        engine.appendEvents(newest);
        List<? extends TrackedEventMessage<?>> firstRead =
                engine.readEvents(null, false).toList();
        assertThat(identifiers(firstRead)).containsExactly(newest.getIdentifier());
        TrackingToken reader = firstRead.get(0).trackingToken();

        // Published through the event store, as a command handler does, with the production guard watching.
        SimpleMeterRegistry guardMeters = new SimpleMeterRegistry();
        EmbeddedEventStore eventStore =
                EmbeddedEventStore.builder().storageEngine(engine).build();
        eventStore.registerDispatchInterceptor(
                new LateCommitGuard(LOOK_BACK, guardMeters, Clock.fixed(head, ZoneOffset.UTC)));
        String lateAggregate = newId();
        EventMessage<?> late = event(lateAggregate, 0, 1, head.minus(LOOK_BACK.multipliedBy(2)));
        EventMessage<?> insideWindow = event(newId(), 0, 2, head.minus(LOOK_BACK.dividedBy(2)));
        List<TrackedEventMessage<?>> whileLateUncommitted = new ArrayList<>();
        try {
            commitAfter(() -> DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(late)), () -> {
                engine.appendEvents(insideWindow);
                whileLateUncommitted.addAll(engine.readEvents(reader, false).toList());
            });
        } finally {
            eventStore.shutDown();
        }

        // The reader has moved on to the newer event; whether it still gets the late one depends on the store.
        assertThat(identifiers(whileLateUncommitted)).containsExactly(insideWindow.getIdentifier());
        TrackingToken afterResume = whileLateUncommitted.get(0).trackingToken();
        thenTheLateEvent(late, identifiers(engine.readEvents(afterResume, false).toList()), guardMeters);

        // Either way it is stored: sourcing the aggregate and replaying from scratch both see it.
        assertThat(engine.readEvents(lateAggregate)
                        .asStream()
                        .map(EventMessage::getIdentifier)
                        .toList())
                .containsExactly(late.getIdentifier());
        assertThat(identifiers(engine.readEvents(null, false).toList()))
                .containsExactlyInAnyOrder(late.getIdentifier(), insideWindow.getIdentifier(), newest.getIdentifier());
    }

    /**
     * A pooled processor on Bazaar's event store is woken by an event's arrival, not by its own polling: its
     * coordinator runs on its own only once a minute here, so an event handled within seconds was signalled
     * ({@link ArrivalSignallingEventStore}). Both ways an event arrives are covered: committed through this store
     * (this node: the store's producer fetches at once) and appended by another node (found by the producer's next
     * fetch, every 200 ms here).
     */
    @Test
    void aPooledProcessorIsWokenByArrivingEventsFromThisNodeAndFromAnother() throws Exception {
        ArrivalSignallingEventStore eventStore = new ArrivalSignallingEventStore(
                EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(200), Duration.ofMillis(100));
        List<String> handled = new CopyOnWriteArrayList<>();
        try (ArrivalProcessor ignored = startArrivalProcessor(eventStore, handled)) {
            EventMessage<?> fromThisNode = event(newId(), 0, 1);
            DefaultUnitOfWork.startAndGet(null).execute(() -> eventStore.publish(fromThisNode));
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(fromThisNode.getIdentifier()));

            // Another node's append: found by this node's producer at its next fetch.
            EventMessage<?> fromAnotherNode = event(newId(), 0, 2);
            engine.appendEvents(fromAnotherNode);
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.contains(fromAnotherNode.getIdentifier()));
            assertThat(handled).doesNotHaveDuplicates();
        }
    }

    /**
     * A pooled processor on {@code eventStore} that adds the id of every event it handles to {@code handled}, started
     * from the head with its segment claimed. Its coordinator runs on its own only once a minute, so an event handled
     * within seconds was signalled.
     */
    ArrivalProcessor startArrivalProcessor(ArrivalSignallingEventStore eventStore, List<String> handled) {
        ScheduledExecutorService coordinator = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService workers = Executors.newSingleThreadScheduledExecutor();
        PooledStreamingEventProcessor processor = PooledStreamingEventProcessor.builder()
                .name("arrivals")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers((EventMessageHandler) event -> handled.add(event.getIdentifier()))
                        .build())
                .messageSource(eventStore)
                .tokenStore(tokenStore)
                .transactionManager(NoTransactionManager.instance())
                .coordinatorExecutor(coordinator)
                .workerExecutor(workers)
                .initialSegmentCount(1)
                .initialToken(StreamableMessageSource::createHeadToken)
                .tokenClaimInterval(Duration.ofMinutes(1).toMillis())
                .claimExtensionThreshold(Duration.ofMinutes(1).toMillis())
                .build();
        ArrivalProcessor started = () -> {
            processor.shutDown();
            eventStore.shutDown();
            coordinator.shutdownNow();
            workers.shutdownNow();
        };
        processor.start();
        // Its segment claimed; "caught up" would only be reported at the coordinator's next own run.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> processor.processingStatus().size() == 1);
        return started;
    }

    interface ArrivalProcessor extends AutoCloseable {
        @Override
        void close();
    }

    /** A saga as Jackson stores it: plain fields, no getters, a no-arg constructor for deserialization. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
    static final class PaymentSaga {

        private String orderId;
        private int attempts;

        @SuppressWarnings("unused") // Jackson
        private PaymentSaga() {}

        PaymentSaga(String orderId, int attempts) {
            this.orderId = orderId;
            this.attempts = attempts;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof PaymentSaga saga && saga.attempts == attempts && saga.orderId.equals(orderId);
        }

        @Override
        public int hashCode() {
            return orderId.hashCode() * 31 + attempts;
        }

        @Override
        public String toString() {
            return "PaymentSaga[" + orderId + ", " + attempts + "]";
        }
    }

    static DomainEventMessage<?> event(String aggregateId, long seq, int n) {
        return event(aggregateId, seq, n, MetaData.emptyInstance());
    }

    private static DomainEventMessage<?> event(String aggregateId, long seq, int n, MetaData metaData) {
        return new GenericDomainEventMessage<>(TYPE, aggregateId, seq, new SomethingHappened(aggregateId, n), metaData);
    }

    static DomainEventMessage<?> event(String aggregateId, long seq, int n, Instant timestamp) {
        return new GenericDomainEventMessage<>(
                TYPE,
                aggregateId,
                seq,
                new SomethingHappened(aggregateId, n),
                MetaData.emptyInstance(),
                UUID.randomUUID().toString(),
                timestamp);
    }

    private static List<Object> payloads(List<? extends EventMessage<?>> messages) {
        return messages.stream().<Object>map(EventMessage::getPayload).toList();
    }

    static List<String> identifiers(List<? extends EventMessage<?>> messages) {
        return messages.stream().map(EventMessage::getIdentifier).toList();
    }

    static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Close to the ObjectMapper Spring Boot hands Axon in production (JavaTimeModule, ISO dates, non-null). */
    static Serializer springLikeJacksonSerializer() {
        return JacksonSerializer.builder()
                .objectMapper(JsonMapper.builder()
                        .addModule(new JavaTimeModule())
                        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                        .serializationInclusion(JsonInclude.Include.NON_NULL)
                        .build())
                .build();
    }

    static ObjectProvider<EventUpcaster> noUpcasters() {
        return new DefaultListableBeanFactory().getBeanProvider(EventUpcaster.class);
    }
}
