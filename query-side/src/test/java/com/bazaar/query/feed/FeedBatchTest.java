package com.bazaar.query.feed;

import static com.bazaar.query.feed.FeedFixture.details;
import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.platform.readmodel.BatchedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.DefaultInterceptorChain;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The feed written a batch at a time, as its processor runs it (every write of a batch held until the batch's last
 * event), is exactly the feed written one event at a time, also when a batch ends in the middle of a listing's history.
 */
class FeedBatchTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final FeedFixture oneByOne = new FeedFixture();
    private final FeedFixture batched = new FeedFixture();
    private final Map<String, Long> sequences = new java.util.HashMap<>();

    @AfterEach
    void close() {
        oneByOne.close();
        batched.close();
    }

    @Test
    void batchesOfAnySizeWriteTheFeedThatSingleEventsWriteAndNothingBeforeTheirEnd() {
        List<EventMessage<?>> history = history();
        AnnotationEventHandlerAdapter single = new AnnotationEventHandlerAdapter(oneByOne.projection);
        for (EventMessage<?> event : history) {
            handle(single, event);
        }

        AnnotationEventHandlerAdapter inBatches = new AnnotationEventHandlerAdapter(batched.projection);
        int batchSize = 7;
        for (int from = 0; from < history.size(); from += batchSize) {
            List<EventMessage<?>> batch = history.subList(from, Math.min(history.size(), from + batchSize));
            List<Document> before = snapshot(batched);
            List<List<Document>> whileHandling = new ArrayList<>();
            BatchingUnitOfWork<EventMessage<?>> unitOfWork = new BatchingUnitOfWork<>(batch);
            ResultMessage<?> result = unitOfWork.executeWithResult(() -> BatchedWrites.flushAtEndOfBatch()
                    .handle(unitOfWork, new DefaultInterceptorChain<>(unitOfWork, List.of(), event -> {
                        Object handled = inBatches.handle(event);
                        whileHandling.add(snapshot(batched));
                        return handled;
                    })));

            assertThat(result.isExceptional()).as("batch from event %d", from).isFalse();
            assertThat(whileHandling).as("read model while the batch runs").allMatch(before::equals);
        }

        assertThat(snapshot(batched)).isNotEmpty().isEqualTo(snapshot(oneByOne));
    }

    /**
     * Three listings' lives interleaved: drafts, publications, edits on sale and off sale, a reservation released, a
     * sale, an unpublication and a second publication.
     */
    private List<EventMessage<?>> history() {
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        String c = UUID.randomUUID().toString();
        List<EventMessage<?>> events = new ArrayList<>();
        events.add(event(a, new ListingDraftCreated(a, "ann", details("A", 100))));
        events.add(event(b, new ListingDraftCreated(b, "bob", details("B", 200))));
        events.add(event(a, new ListingEdited(a, "ann", details("A draft edit", 110))));
        events.add(event(a, new ListingPublished(a, "ann")));
        events.add(event(b, new ListingPublished(b, "bob")));
        events.add(event(c, new ListingDraftCreated(c, "cid", details("C", 300))));
        events.add(event(a, new ListingEdited(a, "ann", details("A on sale", 120))));
        events.add(event(b, new ListingReserved(b, "bob", "order-1")));
        events.add(event(c, new ListingPublished(c, "cid")));
        events.add(event(b, new ListingReservationReleased(b, "bob", "order-1")));
        events.add(event(a, new ListingEdited(a, "ann", details("A again", 130))));
        events.add(event(b, new ListingEdited(b, "bob", details("B on sale", 190))));
        events.add(event(c, new ListingUnpublished(c, "cid")));
        events.add(event(b, new ListingReserved(b, "bob", "order-2")));
        events.add(event(c, new ListingEdited(c, "cid", details("C off sale", 280))));
        events.add(event(b, new ListingSold(b, "bob", "order-2")));
        events.add(event(c, new ListingPublished(c, "cid")));
        events.add(event(a, new ListingUnpublished(a, "ann")));
        events.add(event(c, new ListingEdited(c, "cid", details("C back", 270))));
        return events;
    }

    private EventMessage<?> event(String listingId, Object payload) {
        long sequence = sequences.merge(listingId, 1L, Long::sum) - 1;
        Instant timestamp = START.plusSeconds(
                sequences.values().stream().mapToLong(Long::longValue).sum());
        return new GenericDomainEventMessage<>(
                "Listing",
                listingId,
                sequence,
                payload,
                Map.of(),
                UUID.randomUUID().toString(),
                timestamp);
    }

    private static void handle(AnnotationEventHandlerAdapter adapter, EventMessage<?> event) {
        try {
            adapter.handle(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Document> snapshot(FeedFixture feed) {
        List<Document> documents = new ArrayList<>();
        for (String collection : List.of(FeedVersion.COLLECTION, FeedListing.COLLECTION)) {
            documents.addAll(feed.mongo.find(new Query().with(Sort.by("_id")), Document.class, collection));
        }
        return documents;
    }
}
