package com.bazaar.platform.readmodel;

/**
 * Creates a rebuildable read model's indexes. A rebuild calls it inside {@link ReadModelCollections#inGeneration}, so
 * the same code that indexes the live collections at start-up indexes the new generation before it is filled.
 */
public interface ReadModelIndexes {

    String processor();

    void ensure();
}
