package com.bazaar.identity.account;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.identity.AccountRegistered;
import com.bazaar.contracts.identity.DisplayNameChanged;
import com.bazaar.contracts.identity.Role;
import com.bazaar.identity.IdentityProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Email accounts: sign-up, password sign-in, profile. Blocking (Argon2 and MongoDB). */
@Service
public class AccountService {

    private static final Logger log = LoggerFactory.getLogger(AccountService.class);

    private final Accounts accounts;
    private final IdentityProperties properties;
    /** Argon2id now; the prefix in each stored hash lets us move to a stronger setting without a reset. */
    private final PasswordEncoder passwords = new DelegatingPasswordEncoder(
            "argon2",
            Map.of(
                    "argon2",
                    Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                    "bcrypt",
                    new BCryptPasswordEncoder()));
    /** Compared against when the email is unknown, so response time does not reveal which emails have accounts. */
    private final String decoyHash = passwords.encode(UUID.randomUUID().toString());

    private final Clock clock;
    /** Every Argon2 check costs ~16 MiB and tens of milliseconds; counted so limits that should spare it can be seen. */
    private final Counter passwordChecks;

    private final EventGateway events;

    AccountService(
            Accounts accounts, IdentityProperties properties, EventGateway events, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.passwordChecks = Counter.builder("bazaar.auth.password.checks")
                .description("Password hashes compared at sign-in")
                .register(meters);
        this.accounts = accounts;
        this.properties = properties;
        this.events = events;
    }

    Account signUp(String email, String password, String displayName) {
        String normalised = EmailAddress.normalise(email);
        PasswordPolicy.check(password, normalised);
        try {
            return register(new Account(
                    UUID.randomUUID().toString(),
                    normalised,
                    passwords.encode(password),
                    displayName.strip(),
                    rolesFor(normalised),
                    null,
                    clock.instant()));
        } catch (DuplicateKeyException taken) {
            throw new DomainException(ErrorCode.EMAIL_TAKEN, "An account with this email already exists.");
        }
    }

    /** The account for these credentials, or INVALID_CREDENTIALS without saying which part was wrong. */
    Account authenticate(String email, String password) {
        Optional<Account> account = accounts.byEmail(EmailAddress.normalise(email));
        String hash = account.map(Account::passwordHash).orElse(null);
        passwordChecks.increment();
        boolean matches = passwords.matches(password, hash != null ? hash : decoyHash);
        if (!matches || hash == null) {
            throw new DomainException(ErrorCode.INVALID_CREDENTIALS, "Email or password is wrong.");
        }
        return account.get();
    }

    /**
     * The account of this Apple user, created on first sign-in. It is never linked to an existing email account, even
     * with the same address: our email sign-ups are not verified, so linking would let someone who registered a
     * victim's address in advance take over the victim's Apple sign-in (account pre-hijacking). The Apple email is
     * kept only if no other account uses it.
     */
    public Account signInWithApple(String appleSubject, String verifiedEmail, String displayName) {
        Optional<Account> existing = accounts.byAppleSubject(appleSubject);
        if (existing.isPresent()) {
            return existing.get();
        }
        String email = verifiedEmail == null ? null : EmailAddress.normalise(verifiedEmail);
        if (email != null && accounts.byEmail(email).isPresent()) {
            email = null;
        }
        String name = displayName == null || displayName.isBlank() ? "Bazaar shopper" : displayName.strip();
        try {
            return register(new Account(
                    UUID.randomUUID().toString(), email, null, name, rolesFor(email), appleSubject, clock.instant()));
        } catch (DuplicateKeyException concurrentFirstSignIn) {
            // The same Apple user signed in twice at once (or the email was just taken): the winner's account stands.
            return accounts.byAppleSubject(appleSubject)
                    .orElseGet(() -> register(new Account(
                            UUID.randomUUID().toString(),
                            null,
                            null,
                            name,
                            rolesFor(null),
                            appleSubject,
                            clock.instant())));
        }
    }

    Account get(String accountId) {
        return accounts.byId(accountId)
                .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account."));
    }

    /**
     * Stores the name together with an outbox mark (one atomic document update), then publishes it. If publishing
     * fails the rename still stands, durably, and {@link DisplayNameOutbox} publishes it later (docs/SECURITY.md,
     * "Renames reach the rest of the system").
     */
    Account rename(String accountId, String displayName) {
        Account renamed = accounts.rename(accountId, displayName.strip(), clock.instant())
                .orElseThrow(() -> new DomainException(ErrorCode.ACCOUNT_NOT_FOUND, "No such account."));
        try {
            publishDisplayName(renamed);
        } catch (RuntimeException notPublished) {
            log.warn(
                    "Rename of account {} stored but not published yet; the outbox retries it",
                    accountId,
                    notPublished);
        }
        return renamed;
    }

    /**
     * Tells the rest of the system (seller labels) the account's current name, then clears its outbox mark. Publishing
     * the same name twice is harmless: consumers set the name.
     */
    void publishDisplayName(Account account) {
        publish(account.id(), new DisplayNameChanged(account.id(), account.displayName()));
        accounts.displayNamePublished(account.id(), account.displayName());
    }

    /**
     * Stores the account, then tells the rest of the system (seller labels) through the event store. The unique
     * email index decides first; if the event cannot be stored the account is removed again, so no account exists
     * that the read models never heard of.
     */
    private Account register(Account account) {
        Account stored = accounts.insert(account);
        try {
            publish(stored.id(), new AccountRegistered(stored.id(), stored.displayName()));
        } catch (RuntimeException eventNotStored) {
            accounts.delete(stored.id());
            throw eventNotStored;
        }
        return stored;
    }

    private void publish(String accountId, Object event) {
        events.publish(GenericEventMessage.asEventMessage(event).andMetaData(Map.of(MetadataKeys.USER_ID, accountId)));
    }

    Set<Role> rolesFor(String normalisedEmail) {
        boolean admin = normalisedEmail != null
                && properties.adminEmails().stream()
                        .map(EmailAddress::normalise)
                        .anyMatch(normalisedEmail::equals);
        return admin ? EnumSet.of(Role.SHOPPER, Role.ADMIN) : EnumSet.of(Role.SHOPPER);
    }

    /** The first admin: accounts named in bazaar.auth.admin-emails that already exist become ADMIN at start-up. */
    @EventListener(ApplicationReadyEvent.class)
    void grantConfiguredAdmins() {
        properties.adminEmails().stream()
                .map(EmailAddress::normalise)
                .forEach(email -> accounts.grantByEmail(email, Role.ADMIN));
    }
}
