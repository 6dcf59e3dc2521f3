package com.bazaar.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Every scheduled job runs once per cluster (docs/ARCHITECTURE.md, "Scheduled jobs"): a {@code @Scheduled} method
 * takes its cluster-wide lock, declaratively with {@code @SchedulerLock} or through the {@link LockingTaskExecutor}.
 */
@AnalyzeClasses(packages = "com.bazaar", importOptions = ImportOption.DoNotIncludeTests.class)
class ScheduledJobsTest {

    private static final ArchCondition<JavaMethod> TAKE_A_CLUSTER_LOCK =
            new ArchCondition<>("take a cluster-wide lock") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean declared = method.isAnnotatedWith(SchedulerLock.class);
                    boolean programmatic = method.getMethodCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isAssignableTo(LockingTaskExecutor.class)
                                    && call.getName().equals("executeWithLock"));
                    if (!declared && !programmatic) {
                        events.add(SimpleConditionEvent.violated(
                                method, method.getFullName() + " is scheduled without a cluster-wide lock"));
                    }
                }
            };

    @ArchTest
    static final ArchRule everyScheduledJobTakesAClusterLock = methods()
            .that()
            .areAnnotatedWith(Scheduled.class)
            .should(TAKE_A_CLUSTER_LOCK)
            .because("several nodes run the same schedules; without a lock each job would run once per node");
}
