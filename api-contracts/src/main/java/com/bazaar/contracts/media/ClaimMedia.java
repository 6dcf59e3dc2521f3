package com.bazaar.contracts.media;

import java.util.List;

/**
 * Sent before a listing names uploads: marks those of {@code ownerId}'s uploads that still exist as in use, in one
 * atomic update, so the cleanup of unused uploads can no longer delete them between the listing's check and the
 * listing event. Ids that do not exist or belong to someone else are left alone (the listing rules refuse them).
 * Idempotent; answers nothing.
 */
public record ClaimMedia(String ownerId, List<String> mediaIds) {

    public ClaimMedia {
        mediaIds = List.copyOf(mediaIds);
    }
}
