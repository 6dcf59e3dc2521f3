package com.bazaar.contracts.chat;

import org.axonframework.serialization.Revision;

/**
 * {@code readerId} (a participant) has read thread {@code threadId} up to the entry at sequence {@code upTo} (the
 * number inside a cursor); published only when the marker moved forward. Not an event of the thread's aggregate:
 * read markers decide nothing there. The query side publishes it so that every node's live chat follower updates its
 * inbox streams, and so that the audit trail shows who read what when. Revision 1.
 */
@Revision("1")
public record ChatThreadRead(String threadId, String readerId, long upTo) {}
