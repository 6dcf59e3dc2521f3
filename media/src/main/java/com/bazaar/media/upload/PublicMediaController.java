package com.bazaar.media.upload;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.media.MediaProperties;
import com.bazaar.media.storage.ObjectStore;
import com.bazaar.platform.web.Blocking;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public image URLs when no CDN is configured ({@code bazaar.media.public-base-url} blank, the embedded default):
 * {@code GET /media/{id}} redirects to a short-lived presigned GET URL, so the bytes still come from storage. Anyone
 * may fetch a READY image (listing photos are public); anything else is 404.
 */
@RestController
@ConditionalOnExpression("'${bazaar.media.public-base-url:}'.isBlank()")
class PublicMediaController {

    private final MediaStore store;
    private final ObjectStore objects;
    private final MediaProperties properties;

    PublicMediaController(MediaStore store, ObjectStore objects, MediaProperties properties) {
        this.store = store;
        this.objects = objects;
        this.properties = properties;
    }

    @GetMapping("/media/{id}")
    Mono<ResponseEntity<Void>> image(@PathVariable String id) {
        return Blocking.call(() -> store.byId(id)
                .filter(media -> media.status() == MediaStatus.READY)
                .map(media -> ResponseEntity.status(302)
                        .location(objects.presignGet(media.objectKey(), properties.downloadUrlTtl()))
                        .<Void>build())
                .orElseThrow(() -> new DomainException(ErrorCode.MEDIA_NOT_FOUND, "No image " + id + ".")));
    }
}
