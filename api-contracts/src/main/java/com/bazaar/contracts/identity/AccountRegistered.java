package com.bazaar.contracts.identity;

import org.axonframework.serialization.Revision;

/**
 * A new account exists (email or Apple). Carries only what other parts may show publicly; the registration time is
 * the event's timestamp. Published by identity, which stores accounts as documents, so that read models (seller
 * labels) can follow accounts without reading identity's collections. Revision 1.
 */
@Revision("1")
public record AccountRegistered(String accountId, String displayName) {}
