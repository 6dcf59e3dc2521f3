package com.bazaar.operations.deadletters;

import com.bazaar.operations.deadletters.DeadLetters.DeadLetterView;
import com.bazaar.operations.deadletters.DeadLetters.RetryOutcome;
import com.bazaar.platform.messaging.RequestMetadata;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Dead letters for ADMIN only (the security chain refuses SUPPORT here): list, retry, delete. Every retry and delete is
 * recorded in {@link StaffActions} before the answer. docs/OPERATIONS.md, "Handle a dead letter".
 */
@RestController
@RequestMapping("/api/v1/admin/dead-letters")
class DeadLettersController {

    private static final String NAME = "[A-Za-z0-9._-]+";

    record DeadLetterList(List<DeadLetterView> items) {}

    private final DeadLetters deadLetters;
    private final StaffActions staffActions;

    DeadLettersController(DeadLetters deadLetters, StaffActions staffActions) {
        this.deadLetters = deadLetters;
        this.staffActions = staffActions;
    }

    @GetMapping
    Mono<DeadLetterList> list(
            @RequestParam(required = false) @Size(max = 100) @Pattern(regexp = NAME) String processor,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return Blocking.call(() -> new DeadLetterList(deadLetters.list(Optional.ofNullable(processor), limit)));
    }

    @PostMapping("/{processor}/{id}/retry")
    Mono<RetryOutcome> retry(
            @PathVariable @Size(max = 100) @Pattern(regexp = NAME) String processor,
            @PathVariable @Size(max = 100) String id) {
        return RequestMetadata.current()
                .flatMap(caller -> Blocking.call(() -> {
                    RetryOutcome outcome = deadLetters.retry(processor, id);
                    staffActions.record(
                            caller.userId(),
                            "dead-letter.retry",
                            target(processor, id),
                            caller.requestId(),
                            outcome.succeeded() ? "succeeded" : "failed-again");
                    return outcome;
                }));
    }

    @DeleteMapping("/{processor}/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> delete(
            @PathVariable @Size(max = 100) @Pattern(regexp = NAME) String processor,
            @PathVariable @Size(max = 100) String id) {
        return RequestMetadata.current()
                .flatMap(caller -> Blocking.run(() -> {
                    deadLetters.delete(processor, id);
                    staffActions.record(
                            caller.userId(),
                            "dead-letter.delete",
                            target(processor, id),
                            caller.requestId(),
                            "deleted");
                }));
    }

    private static String target(String processor, String id) {
        return "dead-letters/" + processor + "/" + id;
    }
}
