package com.bazaar.media.upload;

import com.bazaar.contracts.media.MediaStatus;
import java.time.Instant;

/**
 * An upload as its owner sees it. {@code url} is where the image is served once READY: {@code <base>/<id>}, the base
 * being the CDN ({@code bazaar.media.public-base-url}) or this server's {@code /media}.
 */
record MediaView(
        String id,
        MediaStatus status,
        String contentType,
        long size,
        Instant createdAt,
        Instant completedAt,
        String url) {

    static MediaView of(Media media, String publicBase) {
        return new MediaView(
                media.id(),
                media.status(),
                media.contentType(),
                media.size(),
                media.createdAt(),
                media.completedAt(),
                media.status() == MediaStatus.READY ? publicBase + "/" + media.id() : null);
    }
}
