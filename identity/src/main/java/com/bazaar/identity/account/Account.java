package com.bazaar.identity.account;

import com.bazaar.contracts.identity.Role;
import java.time.Instant;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A user account. State-stored, not event-sourced: nothing in the domain reacts to account changes, and
 * security-relevant changes go to the security audit log. {@code email} is normalised (trimmed, lower case) and
 * unique; an Apple-only account may have none. {@code passwordHash} is absent for Apple-only accounts.
 */
@Document(Account.COLLECTION)
public record Account(
        @Id String id,
        String email,
        String passwordHash,
        String displayName,
        Set<Role> roles,
        String appleSubject,
        Instant createdAt) {

    static final String COLLECTION = "accounts";

    public Account {
        roles = Set.copyOf(roles);
    }
}
