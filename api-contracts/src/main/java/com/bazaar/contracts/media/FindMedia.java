package com.bazaar.contracts.media;

import java.util.List;

/**
 * Asks for the uploads with these ids. Answers a {@code List<MediaSummary>} holding the ones that exist (unknown or
 * deleted ids are left out), in no particular order.
 */
public record FindMedia(List<String> mediaIds) {

    public FindMedia {
        mediaIds = List.copyOf(mediaIds);
    }
}
