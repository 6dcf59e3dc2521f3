package com.bazaar.identity.account;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes renames whose publication failed (the account document carries the outbox mark). Only marks older than
 * one interval are taken, so a rename whose request is still publishing is not published twice by us as well. If this
 * runs on several nodes at once, the worst case is the same name published twice, which consumers absorb.
 */
@Component
class DisplayNameOutbox {

    private static final Logger log = LoggerFactory.getLogger(DisplayNameOutbox.class);
    private static final int BATCH = 100;

    private final Accounts accounts;
    private final AccountService service;
    private final Clock clock;
    private final Duration interval;

    DisplayNameOutbox(
            Accounts accounts,
            AccountService service,
            Clock clock,
            @Value("${bazaar.auth.outbox-retry-interval:30s}") Duration interval) {
        this.accounts = accounts;
        this.service = service;
        this.clock = clock;
        this.interval = interval;
    }

    @Scheduled(fixedDelayString = "${bazaar.auth.outbox-retry-interval:30s}")
    @SchedulerLock(
            name = "display-name-outbox",
            lockAtMostFor = "PT1M",
            lockAtLeastFor = "${bazaar.auth.outbox-retry-interval:30s}")
    void publishPending() {
        Instant before = clock.instant().minus(interval);
        List<Account> pending = accounts.withNameUnpublishedSince(before, BATCH);
        for (Account account : pending) {
            try {
                service.publishDisplayName(account);
                log.info("Published the pending rename of account {}", account.id());
            } catch (RuntimeException stillFailing) {
                log.warn(
                        "The rename of account {} still cannot be published; retrying in {}",
                        account.id(),
                        interval,
                        stillFailing);
                return;
            }
        }
    }
}
