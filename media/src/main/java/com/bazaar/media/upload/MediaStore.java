package com.bazaar.media.upload;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.media.MediaStatus;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The {@code media} collection. Blocking. */
@Component
class MediaStore {

    private final MongoTemplate mongo;

    MediaStore(MongoTemplate mongo) {
        this.mongo = mongo;
        // The cleanup's query; a real MongoDB uses it, the embedded server scans.
        mongo.indexOps(Media.class)
                .ensureIndex(new Index().on("attachedAt", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC));
    }

    Media insert(Media media) {
        return mongo.insert(media);
    }

    Optional<Media> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, Media.class));
    }

    List<Media> byIds(Collection<String> ids) {
        return mongo.find(query(where("_id").in(ids)), Media.class);
    }

    /** Only a PENDING upload turns READY, so a repeated completion keeps the first completion time. */
    void markReady(String id, Instant at) {
        mongo.updateFirst(
                query(where("_id").is(id).and("status").is(MediaStatus.PENDING)),
                new Update()
                        .set("status", MediaStatus.READY)
                        .set("completedAt", at)
                        .set("renditionsAt", at),
                Media.class);
    }

    /** READY media made before renditions existed. */
    List<Media> readyWithoutRenditions(int limit) {
        return mongo.find(
                query(where("status").is(MediaStatus.READY).and("renditionsAt").exists(false))
                        .limit(limit),
                Media.class);
    }

    void markRenditionsMade(String id, Instant at) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("renditionsAt", at), Media.class);
    }

    /** Idempotent: the first attachment time stays. */
    void markAttached(Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateMulti(
                query(where("_id").in(ids).and("attachedAt").exists(false)),
                new Update().set("attachedAt", at),
                Media.class);
    }

    /** Like {@link #markAttached(Collection, Instant)}, for the owner's uploads only. */
    void markAttached(String ownerId, Collection<String> ids, Instant at) {
        if (ids.isEmpty()) {
            return;
        }
        mongo.updateMulti(
                query(where("_id")
                        .in(ids)
                        .and("ownerId")
                        .is(ownerId)
                        .and("attachedAt")
                        .exists(false)),
                new Update().set("attachedAt", at),
                Media.class);
    }

    List<Media> unattachedCreatedBefore(Instant cutoff, int limit) {
        return mongo.find(
                query(where("attachedAt").exists(false).and("createdAt").lt(cutoff))
                        .limit(limit),
                Media.class);
    }

    /** Removes the record unless a listing attached it meanwhile; answers whether it was removed. */
    boolean removeIfUnattached(String id) {
        return mongo.remove(query(where("_id").is(id).and("attachedAt").exists(false)), Media.class)
                        .getDeletedCount()
                > 0;
    }
}
