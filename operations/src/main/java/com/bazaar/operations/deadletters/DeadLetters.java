package com.bazaar.operations.deadletters;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The events parked in the processors' dead-letter queues (Axon's sequenced queues, one per processor), and the two
 * things staff do with one: retry it (Axon processes the letter's whole sequence from its oldest letter, so an
 * aggregate's events stay in order) or delete it (the event is never handled by that processor). A letter's id is its
 * event's id, unique within a processor's queue.
 */
@Component
class DeadLetters {

    record DeadLetterView(
            String id,
            String processor,
            String sequenceIdentifier,
            String eventType,
            String eventId,
            String aggregateType,
            String aggregateId,
            Long aggregateSequence,
            Instant eventTimestamp,
            String causeType,
            String causeMessage,
            Instant enqueuedAt,
            Instant lastTouched,
            int retries) {}

    /**
     * @param succeeded  the letter's sequence was handled to its end and left the queue
     * @param stillParked the letter is still in the queue (it, or an older letter of its sequence, failed again)
     */
    record RetryOutcome(String processor, String id, boolean succeeded, boolean stillParked, DeadLetterView letter) {}

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** Oldest first, across {@code processor}'s queue, or every queue when it is empty. */
    List<DeadLetterView> list(Optional<String> processor, int limit) {
        List<String> processors = processor
                .map(name -> {
                    queue(name);
                    return List.of(name);
                })
                .orElseGet(this::processorsWithAQueue);
        List<DeadLetterView> letters = new ArrayList<>();
        for (String name : processors) {
            for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence :
                    queue(name).deadLetters()) {
                sequence.forEach(letter -> letters.add(view(name, letter)));
            }
        }
        return letters.stream()
                .sorted(Comparator.comparing(DeadLetterView::enqueuedAt).thenComparing(DeadLetterView::id))
                .limit(limit)
                .toList();
    }

    RetryOutcome retry(String processor, String id) {
        Found found = find(processor, id);
        SequencedDeadLetterProcessor<EventMessage<?>> letters =
                processing.sequencedDeadLetterProcessor(processor).orElseThrow(() -> noQueue(processor));
        String oldest = found.oldestOfSequence().message().getIdentifier();
        boolean succeeded =
                letters.process(letter -> letter.message().getIdentifier().equals(oldest));
        Optional<Found> after = tryFind(processor, id);
        return new RetryOutcome(
                processor,
                id,
                succeeded && after.isEmpty(),
                after.isPresent(),
                view(processor, after.orElse(found).letter()));
    }

    void delete(String processor, String id) {
        queue(processor).evict(find(processor, id).letter());
    }

    private record Found(
            DeadLetter<? extends EventMessage<?>> letter, DeadLetter<? extends EventMessage<?>> oldestOfSequence) {}

    private Found find(String processor, String id) {
        return tryFind(processor, id)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.DEAD_LETTER_NOT_FOUND,
                        "No event " + id + " is parked in the dead-letter queue of " + processor + "."));
    }

    private Optional<Found> tryFind(String processor, String id) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence :
                queue(processor).deadLetters()) {
            DeadLetter<? extends EventMessage<?>> oldest = null;
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                oldest = oldest == null ? letter : oldest;
                if (letter.message().getIdentifier().equals(id)) {
                    return Optional.of(new Found(letter, oldest));
                }
            }
        }
        return Optional.empty();
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String processor) {
        if (processing.eventProcessor(processor).isEmpty()) {
            throw new DomainException(
                    ErrorCode.PROCESSOR_NOT_FOUND, "No event processor named '" + processor + "' runs on this node.");
        }
        return processing.deadLetterQueue(processor).orElseThrow(() -> noQueue(processor));
    }

    private static DomainException noQueue(String processor) {
        return new DomainException(
                ErrorCode.DEAD_LETTER_NOT_FOUND,
                processor + " has no dead-letter queue: it "
                        + "retries a failing event instead of parking it (policies and the payment saga, docs/OPERATIONS.md).");
    }

    private List<String> processorsWithAQueue() {
        return new TreeSet<>(processing.eventProcessors().keySet())
                .stream()
                        .filter(name -> processing.deadLetterQueue(name).isPresent())
                        .toList();
    }

    private DeadLetterView view(String processor, DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        Object sequence = processing.sequencingPolicy(processor).getSequenceIdentifierFor(event);
        DomainEventMessage<?> domainEvent = event instanceof DomainEventMessage<?> d ? d : null;
        return new DeadLetterView(
                event.getIdentifier(),
                processor,
                sequence == null ? null : sequence.toString(),
                event.getPayloadType().getSimpleName(),
                event.getIdentifier(),
                domainEvent == null ? null : domainEvent.getType(),
                domainEvent == null ? null : domainEvent.getAggregateIdentifier(),
                domainEvent == null ? null : domainEvent.getSequenceNumber(),
                event.getTimestamp(),
                letter.cause().map(Cause::type).orElse(null),
                letter.cause().map(Cause::message).orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched(),
                DeadLetterPolicy.retries(letter));
    }
}
