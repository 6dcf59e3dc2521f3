package com.bazaar.contracts.identity;

import org.axonframework.serialization.Revision;

/** An account's public display name changed. Revision 1. */
@Revision("1")
public record DisplayNameChanged(String accountId, String displayName) {}
