package com.bazaar.media.upload;

import com.bazaar.media.MediaProperties;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.Valid;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * The upload flow: ask for an upload URL, PUT the bytes straight to storage with the declared Content-Type (the
 * server never carries image bytes), then complete. docs/MEDIA.md.
 */
@RestController
@RequestMapping("/api/v1/media")
class UploadController {

    record UploadAnswer(String id, String uploadUrl, Instant expiresAt) {}

    private final Uploads uploads;
    private final MediaProperties properties;

    UploadController(Uploads uploads, MediaProperties properties) {
        this.uploads = uploads;
        this.properties = properties;
    }

    @PostMapping("/uploads")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<UploadAnswer> start(@Valid @RequestBody UploadRequest request) {
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    Uploads.StartedUpload started =
                            uploads.start(metadata.userId(), request.contentType(), request.size());
                    return new UploadAnswer(
                            started.media().id(),
                            started.url().url().toString(),
                            started.url().expiresAt());
                }));
    }

    @PostMapping("/{id}/complete")
    Mono<MediaView> complete(@PathVariable String id, ServerHttpRequest http) {
        return RequestMetadata.current()
                .flatMap(metadata ->
                        Blocking.call(() -> MediaView.of(uploads.complete(metadata.userId(), id), publicBase(http))));
    }

    @GetMapping("/{id}")
    Mono<MediaView> get(@PathVariable String id, ServerHttpRequest http) {
        return RequestMetadata.current()
                .flatMap(metadata ->
                        Blocking.call(() -> MediaView.of(uploads.own(metadata.userId(), id), publicBase(http))));
    }

    /** The same base the query side uses: the CDN, or this server's {@code /media} as the client reached it. */
    private String publicBase(ServerHttpRequest http) {
        if (!properties.publicBaseUrl().isBlank()) {
            return properties.publicBaseUrl();
        }
        return UriComponentsBuilder.fromUri(http.getURI())
                .replacePath("/media")
                .replaceQuery(null)
                .fragment(null)
                .build()
                .toUriString();
    }
}
