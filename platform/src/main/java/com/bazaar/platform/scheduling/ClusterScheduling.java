package com.bazaar.platform.scheduling;

import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Scheduled jobs run once per cluster, not once per node: every {@code @Scheduled} method also carries ShedLock's
 * {@code @SchedulerLock}, whose lock is a document in the {@value #COLLECTION} collection that all nodes share
 * (docs/ARCHITECTURE.md, "Scheduled jobs"). A node that finds a job's lock held skips that run. Jobs run on a pool of
 * scheduler threads ({@code spring.task.scheduling.pool.size}), so a slow cleanup never delays the payment deadlines.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "PT10M")
public class ClusterScheduling {

    public static final String COLLECTION = "scheduler_locks";

    /**
     * The lock is taken with one {@code findOneAndUpdate} upsert on the job's {@code _id} ("free, or expired, or
     * insert"); a held lock makes the insert fail on the unique {@code _id}. That needs neither transactions nor
     * secondary indexes, so it works on the embedded server as on a replica set. Lock times are written and compared
     * with each node's own clock (the Mongo provider has no "database time" mode): clocks must agree to well within
     * a job's {@code lockAtMostFor} (minutes here; NTP keeps them within milliseconds), and a skew only moves when
     * the next run may start, never lets two runs overlap while the first is within its {@code lockAtMostFor}.
     */
    @Bean
    LockProvider lockProvider(MongoTemplate mongo) {
        return new HeldLockCheck(
                mongo.getCollection(COLLECTION), new MongoLockProvider(mongo.getCollection(COLLECTION)));
    }

    /** For work that must hold a job's lock outside a schedule (the signing key ring at start-up). */
    @Bean
    LockingTaskExecutor lockingTaskExecutor(LockProvider lockProvider) {
        return new DefaultLockingTaskExecutor(lockProvider);
    }
}
