package com.bazaar.media.upload;

import com.bazaar.contracts.media.FindMedia;
import com.bazaar.contracts.media.MediaSummary;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/** Answers the listing rules: which of these uploads exist, whose they are and whether they are READY. */
@Component
class FindMediaHandler {

    private final MediaStore store;

    FindMediaHandler(MediaStore store) {
        this.store = store;
    }

    @QueryHandler
    List<MediaSummary> handle(FindMedia query) {
        if (query.mediaIds().isEmpty()) {
            return List.of();
        }
        return store.byIds(query.mediaIds()).stream()
                .map(media -> new MediaSummary(media.id(), media.ownerId(), media.status()))
                .toList();
    }
}
