package com.bazaar.command.order;

import com.bazaar.contracts.order.ExpireOrder;
import java.time.Clock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Cancels orders nobody paid in time: every few seconds, on one node of the cluster at a time (the lock is held at
 * least one check interval, so the cluster checks no more often than one node would), sends {@link ExpireOrder} for
 * each order past its deadline and forgets the deadline once the order has handled it. The order ignores an expiry
 * that is late or repeated, so a run that overlaps another one after a lock expired changes nothing.
 */
@Component
class PaymentDeadlineJob {

    private static final Logger log = LoggerFactory.getLogger(PaymentDeadlineJob.class);

    private final PaymentDeadlines deadlines;
    private final CommandGateway commands;
    private final Clock clock;

    PaymentDeadlineJob(PaymentDeadlines deadlines, CommandGateway commands, Clock clock) {
        this.deadlines = deadlines;
        this.commands = commands;
        this.clock = clock;
    }

    // lockAtMostFor bounds how long a node that died mid-run keeps the others from checking (keep the interval below).
    @Scheduled(fixedDelayString = "${bazaar.checkout.deadline-check-interval:PT15S}")
    @SchedulerLock(
            name = "payment-deadlines",
            lockAtMostFor = "PT2M",
            lockAtLeastFor = "${bazaar.checkout.deadline-check-interval:PT15S}")
    void expireDueOrders() {
        for (String orderId : deadlines.dueBy(clock.instant())) {
            try {
                commands.sendAndWait(new ExpireOrder(orderId));
                // Handled on this node with this clock: the order is now cancelled, or was no longer unpaid. Forgetting
                // here (not only when OrderCancelled reaches the projection) keeps the next run from sending it again.
                deadlines.forget(orderId);
            } catch (RuntimeException failed) {
                log.warn("Could not expire order {}; will retry: {}", orderId, failed.getMessage());
            }
        }
    }
}
