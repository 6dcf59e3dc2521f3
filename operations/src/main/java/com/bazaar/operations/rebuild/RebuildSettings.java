package com.bazaar.operations.rebuild;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing of live rebuilds ({@code bazaar.rebuild.*}). {@code followInterval}: how often every node reads the shared
 * generations (a swap reaches a node within it). {@code staleAfter}: a rebuild whose node has not reported for this
 * long is considered dead and may be started again. {@code swapTimeout}: how long the building node waits for every
 * node to stop its live processor before it gives up the swap. {@code dropAfter}: how long the old generation stays
 * after the swap, for queries that resolved its name just before.
 */
@ConfigurationProperties("bazaar.rebuild")
record RebuildSettings(
        @DefaultValue("1s") Duration followInterval,
        @DefaultValue("1m") Duration staleAfter,
        @DefaultValue("5m") Duration swapTimeout,
        @DefaultValue("5s") Duration dropAfter,
        @DefaultValue("1000") int batchSize) {}
