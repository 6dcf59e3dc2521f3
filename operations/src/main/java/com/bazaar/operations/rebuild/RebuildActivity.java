package com.bazaar.operations.rebuild;

import com.bazaar.operations.processors.ProcessorActivity;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Shows a live rebuild in the processor listing ({@code GET /api/v1/admin/processors}): while the shared rebuild state
 * of a processor says it is being rebuilt or swapped, its status there is {@code rebuilding} with this progress, on
 * every node (the state is read from Mongo, not from the building node's memory).
 */
@Component
class RebuildActivity implements ProcessorActivity {

    private final ProjectionRebuilds rebuilds;

    RebuildActivity(ProjectionRebuilds rebuilds) {
        this.rebuilds = rebuilds;
    }

    @Override
    public Optional<Rebuild> rebuild(String processorName) {
        return rebuilds.progress(processorName)
                .filter(RebuildProgress::running)
                .map(progress -> new Rebuild(progress.progress()));
    }
}
