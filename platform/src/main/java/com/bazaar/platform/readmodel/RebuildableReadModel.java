package com.bazaar.platform.readmodel;

import java.util.List;

/**
 * A projection whose read model can be rebuilt beside the live one (docs/OPERATIONS.md, "Rebuild a read model"): the
 * event processor that writes it and every collection it owns. Declaring one is the projection's promise that its
 * collections are named through {@link ReadModelCollections} (in {@code @Document} with
 * {@code #{@readModelCollections.name('...')}}, never a literal) and that handling an event twice is harmless.
 */
public record RebuildableReadModel(String processor, List<String> collections) {

    public RebuildableReadModel {
        collections = List.copyOf(collections);
    }
}
