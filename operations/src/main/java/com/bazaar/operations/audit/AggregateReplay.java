package com.bazaar.operations.audit;

import com.bazaar.contracts.common.InvalidInputException;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.axonframework.config.AggregateConfiguration;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * An aggregate's events and its state at a moment, straight from the event store. The state is rebuilt with Axon's
 * own model of the aggregate class registered in the Axon configuration (its event sourcing handlers, on a fresh
 * instance made by its aggregate factory), applying the events stamped up to that moment: the repository cannot be
 * used, it always loads to the end (and may start from a snapshot). The aggregate classes stay package-private in
 * their modules; nothing here names them. Blocking.
 */
@Component
class AggregateReplay {

    /** The state as its fields hold it, private ones included, without calling any of the aggregate's methods. */
    private final ObjectMapper stateJson;

    private final Configuration axon;
    private final EventStore eventStore;

    AggregateReplay(Configuration axon, EventStore eventStore, ObjectMapper json) {
        this.axon = axon;
        this.eventStore = eventStore;
        this.stateJson = json.copy()
                .setVisibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    record State(String type, String id, long version, Instant at, JsonNode state) {}

    /** Every event of the aggregate, in sequence order; 404 when there are none. */
    List<DomainEventMessage<?>> history(String type, String id) {
        Registered<?> aggregate = registered(type);
        List<DomainEventMessage<?>> events = eventStore
                .readEvents(id, 0)
                .asStream()
                .filter(event -> aggregate.model().type().equals(event.getType()))
                .collect(Collectors.toList());
        if (events.isEmpty()) {
            throw new AggregateNotFoundException(id, "No " + type + " with id " + id);
        }
        return events;
    }

    /** The state after the events stamped at or before {@code at}; 404 when the aggregate did not exist yet. */
    State stateAt(String type, String id, Instant at) {
        List<DomainEventMessage<?>> upToThen = history(type, id).stream()
                .filter(event -> !event.getTimestamp().isAfter(at))
                .toList();
        if (upToThen.isEmpty()) {
            throw new AggregateNotFoundException(id, "The " + type + " " + id + " did not exist yet at " + at);
        }
        return replay(registered(type), id, at, upToThen);
    }

    private <T> State replay(Registered<T> aggregate, String id, Instant at, List<DomainEventMessage<?>> events) {
        T root = aggregate.configuration().aggregateFactory().createAggregateRoot(id, events.get(0));
        EventSourcedAggregate<T> replayed =
                EventSourcedAggregate.initialize(root, aggregate.model(), null, NoSnapshotTriggerDefinition.TRIGGER);
        replayed.initializeState(DomainEventStream.of(events));
        return new State(
                aggregate.model().type(),
                id,
                replayed.version(),
                at,
                stateJson.valueToTree(replayed.getAggregateRoot()));
    }

    private record Registered<T>(AggregateConfiguration<T> configuration, AggregateModel<T> model) {

        /** Inspected as the repository does, with the application's parameter resolvers and handler definitions. */
        static <T> Registered<T> of(AggregateConfiguration<T> configuration, Configuration axon) {
            Class<T> type = configuration.aggregateType();
            return new Registered<>(
                    configuration,
                    AnnotatedAggregateMetaModelFactory.inspectAggregate(
                            type, axon.parameterResolverFactory(), axon.handlerDefinition(type)));
        }
    }

    private Registered<?> registered(String type) {
        Map<String, Registered<?>> byType = new TreeMap<>();
        for (AggregateConfiguration<?> configuration : aggregateConfigurations()) {
            Registered<?> registered = Registered.of(configuration, axon);
            byType.putIfAbsent(registered.model().type(), registered);
        }
        Registered<?> found = byType.get(type);
        if (found == null) {
            throw new InvalidInputException("type", "must be one of " + String.join(", ", byType.keySet()));
        }
        return found;
    }

    @SuppressWarnings("unchecked")
    private List<AggregateConfiguration<?>> aggregateConfigurations() {
        return (List<AggregateConfiguration<?>>) (List<?>) axon.findModules(AggregateConfiguration.class);
    }
}
