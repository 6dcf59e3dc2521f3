package com.bazaar.platform.consistency;

/**
 * For query handlers that read "as of" a moment (the feed's snapshot): a read that waited for a write's events gets
 * the newest of their timestamps as query metadata under {@link #WRITTEN_AT} (epoch milliseconds), so it can read at
 * least that far. Absent when the read carried no token or the wait ran out.
 */
public final class ConsistentReads {

    public static final String WRITTEN_AT = "bazaar.writtenAt";

    private ConsistentReads() {}
}
