package com.bazaar.query.feed;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.platform.readmodel.BatchedWrites;
import com.bazaar.platform.readmodel.SequenceGuard;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.FindAndReplaceOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * The feed projection's writes for one batch of events ({@link BatchedWrites}). The listings of the whole batch are
 * read in one query when the first is needed and kept here as the batch changes them; the versions the batch opens,
 * closes and removes are collected; at the end one ordered bulk request writes the versions and a second one the
 * listings. Per event that was a find and two to four writes, each a round trip.
 *
 * <p>Versions go before listings, as they always have: a listing's {@code lastSequence} marks its events as applied,
 * so a batch interrupted between the two requests (or a token not stored after them) is applied again from the
 * listings' marks and writes the same versions again (each keyed by its event). A version opened and closed or removed
 * within the batch is written once, in its final state.
 */
final class FeedWrites implements BatchedWrites.Buffer {

    private final MongoTemplate mongo;
    /** Listings as stored when the batch read them; empty: not stored. */
    private final Map<String, Optional<FeedListing>> stored = new HashMap<>();

    private final Map<String, FeedListing> changed = new LinkedHashMap<>();
    private final Map<String, FeedVersion> opened = new LinkedHashMap<>();
    /** Changes of versions stored before this batch, in the order the events made them. */
    private final List<StoredVersionChange> storedVersionChanges = new ArrayList<>();

    FeedWrites(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The listing as the events before this one left it, or null if it was never created. */
    FeedListing listing(String listingId) {
        FeedListing listing = changed.get(listingId);
        if (listing != null) {
            return listing;
        }
        if (!stored.containsKey(listingId)) {
            load(listingId);
        }
        return stored.get(listingId).orElse(null);
    }

    /** The listing if the event at {@code sequence} has not been applied to it yet, else null. */
    FeedListing unapplied(String listingId, long sequence) {
        FeedListing listing = listing(listingId);
        return listing == null || listing.lastSequence() >= sequence ? null : listing;
    }

    /** Records the listing's state after an event. */
    void put(FeedListing listing) {
        changed.put(listing.id(), listing);
    }

    /**
     * Closes the listing's open version at the new one's validFrom and opens the new one; returns the listing with the
     * new version's id. Written in this order, a page whose snapshot is newer than the change can miss the listing for
     * an instant but never sees it twice; the snapshot lag keeps such pages from being served in practice.
     */
    FeedListing supersede(FeedListing listing, FeedVersion next) {
        String open = listing.openVersionId();
        if (open != null && !open.equals(next.id())) {
            close(open, next.validFrom());
        }
        opened.put(next.id(), next);
        List<String> ids = new ArrayList<>(listing.versionIds());
        ids.add(next.id());
        return listing.withVersionIds(ids);
    }

    /**
     * Sold, unpublished or reserved: every version of the listing is closed and removed, from every snapshot. Removed
     * versions never change again, so the returned listing's list starts over with the next publication.
     */
    FeedListing removeAll(FeedListing listing, Instant at) {
        for (String versionId : listing.versionIds()) {
            close(versionId, at);
            FeedVersion version = opened.get(versionId);
            if (version == null) {
                storedVersionChanges.add(new StoredVersionChange(
                        versionId,
                        "removed",
                        false,
                        new Update().set("removed", true).set("removedAt", at)));
            } else if (!version.removed()) {
                opened.put(versionId, version.removedAt(at));
            }
        }
        return listing.withVersionIds(List.of());
    }

    private void close(String versionId, Instant at) {
        FeedVersion version = opened.get(versionId);
        if (version == null) {
            storedVersionChanges.add(
                    new StoredVersionChange(versionId, "validTo", FeedVersion.OPEN, new Update().set("validTo", at)));
        } else if (version.validTo().equals(FeedVersion.OPEN)) {
            opened.put(versionId, version.closedAt(at));
        }
    }

    @Override
    public void flush() {
        if (!opened.isEmpty() || !storedVersionChanges.isEmpty()) {
            BulkOperations versions = mongo.bulkOps(BulkMode.ORDERED, FeedVersion.class);
            for (StoredVersionChange change : storedVersionChanges) {
                versions.updateOne(
                        query(where("_id")
                                .is(change.versionId())
                                .and(change.field())
                                .is(change.unchanged())),
                        change.update());
            }
            for (FeedVersion version : opened.values()) {
                versions.replaceOne(
                        query(where("_id").is(version.id())),
                        version,
                        FindAndReplaceOptions.options().upsert());
            }
            versions.execute();
        }
        if (!changed.isEmpty()) {
            BulkOperations listings = mongo.bulkOps(BulkMode.ORDERED, FeedListing.class);
            for (FeedListing listing : changed.values()) {
                if (stored.get(listing.id()).isPresent()) {
                    listings.replaceOne(
                            query(where("_id")
                                    .is(listing.id())
                                    .and(SequenceGuard.LAST_SEQUENCE)
                                    .lt(listing.lastSequence())),
                            listing);
                } else {
                    listings.replaceOne(
                            query(where("_id").is(listing.id())),
                            listing,
                            FindAndReplaceOptions.options().upsert());
                }
            }
            listings.execute();
        }
    }

    /**
     * Reads {@code listingId} and every other listing of the batch not read yet, in one query (an index lookup per id,
     * also on the embedded server).
     */
    private void load(String listingId) {
        Set<String> ids = new LinkedHashSet<>();
        ids.add(listingId);
        CurrentUnitOfWork.ifStarted(unitOfWork -> {
            if (unitOfWork instanceof BatchingUnitOfWork<?> batch) {
                for (Object message : batch.getMessages()) {
                    if (message instanceof DomainEventMessage<?> event
                            && !stored.containsKey(event.getAggregateIdentifier())) {
                        ids.add(event.getAggregateIdentifier());
                    }
                }
            }
        });
        ids.forEach(id -> stored.put(id, Optional.empty()));
        for (FeedListing listing : mongo.find(query(where("_id").in(ids)), FeedListing.class)) {
            stored.put(listing.id(), Optional.of(listing.versionIds() == null ? withVersionIds(listing) : listing));
        }
    }

    /**
     * A listing projected before {@code versionIds} existed gets its list now, found by listing once (a scan on the
     * embedded server): the ids of its versions not removed, oldest first, written with the listing at the end.
     */
    private FeedListing withVersionIds(FeedListing listing) {
        Query versions = query(where("listingId")
                        .is(listing.id())
                        .and("removed")
                        .is(false)
                        .and("sequence")
                        .lte(listing.lastSequence()))
                .with(Sort.by("sequence"));
        versions.fields().include("_id");
        return listing.withVersionIds(
                mongo.find(versions, Document.class, mongo.getCollectionName(FeedVersion.class)).stream()
                        .map(version -> version.getString("_id"))
                        .toList());
    }

    /** A conditional change of a version stored before the batch: applied only while {@code field} is unchanged. */
    private record StoredVersionChange(String versionId, String field, Object unchanged, Update update) {}
}
