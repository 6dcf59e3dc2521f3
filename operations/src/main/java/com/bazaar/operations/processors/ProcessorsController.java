package com.bazaar.operations.processors;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.operations.processors.ProcessorOverview.ProcessorView;
import com.bazaar.platform.web.Blocking;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Event processor status for ADMIN and SUPPORT (the security chain admits only them); docs/OPERATIONS.md. */
@RestController
@RequestMapping("/api/v1/admin/processors")
class ProcessorsController {

    record ProcessorList(List<ProcessorView> items) {}

    private final ProcessorOverview overview;

    ProcessorsController(ProcessorOverview overview) {
        this.overview = overview;
    }

    @GetMapping
    Mono<ProcessorList> processors() {
        return Blocking.call(() -> new ProcessorList(overview.all()));
    }

    @GetMapping("/{name}")
    Mono<ProcessorView> processor(@PathVariable @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._-]+") String name) {
        return Blocking.call(() -> overview.one(name)
                .orElseThrow(() -> new DomainException(
                        ErrorCode.PROCESSOR_NOT_FOUND, "No event processor named '" + name + "' runs on this node.")));
    }
}
