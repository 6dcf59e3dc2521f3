package com.bazaar.contracts.common;

/** A fixed vocabulary value that clients see and send as a lower-case slug. */
public interface Slugged {

    String slug();
}
