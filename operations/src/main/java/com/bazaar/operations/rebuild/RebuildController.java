package com.bazaar.operations.rebuild;

import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import com.bazaar.platform.web.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Live read-model rebuilds for ADMIN and SUPPORT (the security chain admits only them under /api/v1/admin). */
@RestController
@RequestMapping("/api/v1/admin/processors/{name}/rebuild")
class RebuildController {

    private final ProjectionRebuilds rebuilds;

    RebuildController(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    /** 202: the rebuild runs in the background on this node; follow it with GET on the same path. */
    @PostMapping
    Mono<ResponseEntity<RebuildProgress>> rebuild(@PathVariable String name) {
        return RequestMetadata.current()
                .flatMap(metadata -> Blocking.call(() -> {
                    RebuildProgress progress = rebuilds.start(name, metadata.userId());
                    return ResponseEntity.accepted()
                            .location(URI.create("/api/v1/admin/processors/" + name + "/rebuild"))
                            .body(progress);
                }));
    }

    @GetMapping
    Mono<RebuildProgress> progress(@PathVariable String name) {
        return Blocking.call(() -> rebuilds.progress(name)
                .orElseThrow(() -> new RebuildRefused(
                        HttpStatus.NOT_FOUND,
                        "/problems/no-rebuild",
                        "No rebuild",
                        "'" + name + "' has never been rebuilt.")));
    }

    @ExceptionHandler(RebuildRefused.class)
    ResponseEntity<ProblemDetail> refused(RebuildRefused refused) {
        return ResponseEntity.status(refused.status())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(refused.status(), refused.type(), refused.title(), refused.getMessage()));
    }
}
