package com.bazaar.media.upload;

import com.bazaar.contracts.media.ClaimMedia;
import java.time.Clock;
import org.axonframework.commandhandling.CommandHandler;
import org.springframework.stereotype.Component;

/**
 * Claims uploads for a listing before the listing command checks them (docs/MEDIA.md, "Cleanup"): the claim sets the
 * same {@code attachedAt} mark the cleanup's conditional delete tests, so whichever of the two writes first wins and
 * the listing never names a deleted upload.
 */
@Component
class MediaClaims {

    private final MediaStore store;
    private final Clock clock;

    MediaClaims(MediaStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @CommandHandler
    void handle(ClaimMedia command) {
        store.markAttached(command.ownerId(), command.mediaIds(), clock.instant());
    }
}
