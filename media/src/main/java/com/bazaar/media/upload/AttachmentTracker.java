package com.bazaar.media.upload;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

/**
 * Marks uploads a listing names as attached, so the cleanup keeps them. Idempotent (the first attachment time stays),
 * so redelivery and replays change nothing. A photo later removed from a listing stays attached: it may still be
 * shown from caches and older app screens, and deleting it is a question for the listing's own deletion.
 */
@Component
@ProcessingGroup(AttachmentTracker.PROCESSING_GROUP)
class AttachmentTracker {

    static final String PROCESSING_GROUP = "media-attachments";

    private final MediaStore store;

    AttachmentTracker(MediaStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ListingDraftCreated event, @Timestamp Instant at) {
        store.markAttached(event.details().photoIds(), at);
    }

    @EventHandler
    void on(ListingEdited event, @Timestamp Instant at) {
        store.markAttached(event.details().photoIds(), at);
    }
}
