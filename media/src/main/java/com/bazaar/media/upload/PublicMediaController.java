package com.bazaar.media.upload;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.media.ImageRendition;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.media.MediaProperties;
import com.bazaar.media.storage.ObjectStore;
import com.bazaar.platform.web.Blocking;
import java.util.Arrays;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Public image URLs when no CDN is configured ({@code bazaar.media.public-base-url} blank, the embedded default):
 * {@code GET /media/{id}} redirects to a short-lived presigned GET URL, so the bytes still come from storage. Anyone
 * may fetch a READY image (listing photos are public); anything else is 404. {@code GET /media/{id}-w320.jpg} (and
 * every other {@link ImageRendition}'s name) redirects to that rendition the same way.
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

    @GetMapping("/media/{name}")
    Mono<ResponseEntity<Void>> image(@PathVariable String name) {
        Optional<ImageRendition> rendition = Arrays.stream(ImageRendition.values())
                .filter(candidate -> name.endsWith(candidate.suffix()))
                .findFirst();
        String id = rendition
                .map(r -> name.substring(0, name.length() - r.suffix().length()))
                .orElse(name);
        String key = rendition.map(r -> Media.objectKey(r, id)).orElseGet(() -> Media.objectKey(id));
        return Blocking.call(() -> store.byId(id)
                .filter(media -> media.status() == MediaStatus.READY)
                .map(media -> ResponseEntity.status(302)
                        .location(objects.presignGet(key, properties.downloadUrlTtl()))
                        .<Void>build())
                .orElseThrow(() -> new DomainException(ErrorCode.MEDIA_NOT_FOUND, "No image " + name + ".")));
    }
}
