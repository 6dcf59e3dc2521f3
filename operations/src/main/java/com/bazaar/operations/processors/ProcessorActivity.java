package com.bazaar.operations.processors;

import java.util.Optional;

/**
 * The seam through which something that takes a processor over for a while (a live rebuild of its read model) makes
 * that visible in {@code GET /api/v1/admin/processors}: while it reports a rebuild, the processor's status is
 * {@code rebuilding} with its progress. Optional: with no such bean, no processor is ever rebuilding.
 */
public interface ProcessorActivity {

    /** The rebuild of {@code processorName} under way, if any, as this node knows it. */
    Optional<Rebuild> rebuild(String processorName);

    /** @param progressPercent share of the event store's events the rebuild has handled, 0-100 */
    record Rebuild(double progressPercent) {}
}
