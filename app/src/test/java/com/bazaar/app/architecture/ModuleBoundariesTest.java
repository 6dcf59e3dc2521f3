package com.bazaar.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.spring.stereotype.Aggregate;
import org.axonframework.spring.stereotype.Saga;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The module boundaries of docs/ARCHITECTURE.md ("Modules and boundaries"), checked on the production classes of
 * every module: the query side never sees the command side and vice versa, nothing depends on the app, contracts have
 * no Spring, Axon components and controllers are package-private, messages in the contracts are records, and
 * dependencies are injected through constructors only.
 */
@AnalyzeClasses(packages = "com.bazaar", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    private static final List<Class<? extends Annotation>> HANDLER_ANNOTATIONS =
            List.of(CommandHandler.class, EventHandler.class, QueryHandler.class);

    // ---------------------------------------------------------------- module dependencies

    @ArchTest
    static final ArchRule querySideNeverDependsOnTheCommandSide = noClasses()
            .that()
            .resideInAPackage("com.bazaar.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.bazaar.command..")
            .because("the query side never sees aggregates; it learns about writes from events only");

    @ArchTest
    static final ArchRule commandSideNeverDependsOnTheQuerySide = noClasses()
            .that()
            .resideInAPackage("com.bazaar.command..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.bazaar.query..")
            .because("the command side never sees read models");

    @ArchTest
    static final ArchRule listingSidesNeverDependOnTheMediaModule = noClasses()
            .that()
            .resideInAnyPackage("com.bazaar.command..", "com.bazaar.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.bazaar.media..")
            .because("listings learn about uploads through the FindMedia query only");

    @ArchTest
    static final ArchRule mediaNeverDependsOnTheListingSides = noClasses()
            .that()
            .resideInAPackage("com.bazaar.media..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("com.bazaar.command..", "com.bazaar.query..")
            .because("media learns about listings from events in the contracts only");

    @ArchTest
    static final ArchRule nothingOutsideTheAppDependsOnTheApp = noClasses()
            .that()
            .resideOutsideOfPackage("com.bazaar.app..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("com.bazaar.app..")
            .because("app is the composition root at the top of the module graph");

    @ArchTest
    static final ArchRule platformDependsOnNoFeatureModule = noClasses()
            .that()
            .resideInAPackage("com.bazaar.platform..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.bazaar.command..",
                    "com.bazaar.query..",
                    "com.bazaar.identity..",
                    "com.bazaar.media..",
                    "com.bazaar.payments..",
                    "com.bazaar.operations..")
            .because("platform sits below every feature module (api-contracts <- platform <- features)");

    @ArchTest
    static final ArchRule contractsDependOnNoOtherBazaarModule = noClasses()
            .that()
            .resideInAPackage("com.bazaar.contracts..")
            .should()
            .dependOnClassesThat(resideInBazaarOutsideContracts())
            .because("api-contracts is the bottom of the module graph, shared by every role and the clients");

    @ArchTest
    static final ArchRule contractsHaveNoSpring = noClasses()
            .that()
            .resideInAPackage("com.bazaar.contracts..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("org.springframework..")
            .because("contracts are plain messages any node or client can deserialize without a Spring context");

    @ArchTest
    static final ArchRule operationsNeverDependOnTheFeatureModules = noClasses()
            .that()
            .resideInAPackage("com.bazaar.operations..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.bazaar.command..", "com.bazaar.query..", "com.bazaar.media..", "com.bazaar.payments..")
            .because("staff tools read the event store and talk to features through the contracts' messages only");

    // ---------------------------------------------------------------- visibility

    @ArchTest
    static final ArchRule aggregatesAreNotPublic = classes()
            .that()
            .areAnnotatedWith(Aggregate.class)
            .should()
            .notBePublic()
            .because("aggregates are reached through commands only");

    @ArchTest
    static final ArchRule messageHandlingComponentsAreNotPublic = classes()
            .that(declareAMessageHandler())
            .and()
            .areNotAnnotatedWith(Saga.class)
            .should()
            .notBePublic()
            .because("command, event and query handlers are reached through Axon's buses only (sagas excepted: "
                    + "Axon instantiates them reflectively and needs a public class and constructor)");

    @ArchTest
    static final ArchRule paymentsNeverDependOnTheSides = noClasses()
            .that()
            .resideInAPackage("com.bazaar.payments..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "com.bazaar.command..", "com.bazaar.query..", "com.bazaar.media..", "com.bazaar.identity..")
            .because("the payment saga talks to orders through the commands, events and queries of the contracts");

    @ArchTest
    static final ArchRule controllersAreNotPublic = classes()
            .that()
            .areAnnotatedWith(RestController.class)
            .or()
            .areAnnotatedWith(RestControllerAdvice.class)
            .should()
            .notBePublic()
            .because("controllers are reached over HTTP only");

    // ---------------------------------------------------------------- contracts are data

    @ArchTest
    static final ArchRule contractTypesAreRecordsEnumsInterfacesExceptionsOrConstantHolders = classes()
            .that()
            .resideInAPackage("com.bazaar.contracts..")
            .and()
            .resideOutsideOfPackage("com.bazaar.contracts..upcasting..")
            .and()
            .areTopLevelClasses()
            .should(beRecordsEnumsInterfacesRuntimeExceptionsOrFinalUtilityClasses())
            .because("contracts carry data between roles and are serialized into the event store and over HTTP");

    @ArchTest
    static final ArchRule upcastersAreStatelessEventUpcasters = classes()
            .that()
            .resideInAPackage("com.bazaar.contracts..upcasting..")
            .and()
            .areTopLevelClasses()
            .should()
            .beAssignableTo(EventUpcaster.class)
            .andShould()
            .haveOnlyFinalFields()
            .because("an upcaster is how an old event revision is read: part of the contract, holding no state");

    @ArchTest
    static final ArchRule messagesInTheContractsAreRecords = classes()
            .that()
            .resideInAPackage("com.bazaar.contracts..")
            .and(areHandledAsMessages())
            .and()
            .areNotInterfaces()
            .should()
            .beRecords()
            .because("commands, events and queries are immutable values (a handler may take an interface they share, "
                    + "such as ListingStatusChange, to handle several at once; only the records travel)");

    @ArchTest
    static final ArchRule eventsInTheContractsAreVersionedRecords = classes()
            .that()
            .resideInAPackage("com.bazaar.contracts..")
            .and(areHandledAs(EventHandler.class))
            .and()
            .areNotInterfaces()
            .should()
            .beRecords()
            .andShould()
            .beAnnotatedWith(Revision.class)
            .because("stored events are versioned so a change of meaning becomes a new revision with an upcaster");

    @ArchTest
    static final ArchRule appUsesOnlyWhatTheModulesPublish = noClasses()
            .that()
            .resideInAPackage("com.bazaar.app..")
            .should()
            .dependOnClassesThat(areUnpublishedFeatureModuleTypes())
            .because("the composition root wires modules through their published types (the entry point and the "
                    + "facades in each module's root package, plus the ports it implements), never their internals");

    // ---------------------------------------------------------------- injection

    @ArchTest
    static final ArchRule noFieldInjection = noFields()
            .should()
            .beAnnotatedWith(Autowired.class)
            .orShould()
            .beAnnotatedWith(Value.class)
            .orShould()
            .beAnnotatedWith("jakarta.inject.Inject")
            .orShould()
            .beAnnotatedWith("javax.inject.Inject")
            .orShould()
            .beAnnotatedWith("jakarta.annotation.Resource")
            .because("dependencies come through constructors, so every component can be built in a plain test");

    // ---------------------------------------------------------------- predicates and conditions

    /** The modules above platform and contracts; each publishes the types in its root package. */
    private static final List<String> FEATURE_MODULES = List.of(
            "com.bazaar.identity",
            "com.bazaar.command",
            "com.bazaar.query",
            "com.bazaar.media",
            "com.bazaar.payments",
            "com.bazaar.operations");

    /**
     * Ports a module publishes outside its root package for the app to implement or read: the tracking positions of
     * whichever event store the app chose, and the processor overview its health indicator reports.
     */
    private static final List<String> PUBLISHED_PORTS = List.of(
            "com.bazaar.operations.processors.TrackingPositions", "com.bazaar.operations.processors.ProcessorOverview");

    private static DescribedPredicate<JavaClass> areUnpublishedFeatureModuleTypes() {
        return DescribedPredicate.describe(
                "are a feature module's types outside its root package and published ports", javaClass -> {
                    JavaClass outermost = javaClass;
                    while (outermost.getEnclosingClass().isPresent()) {
                        outermost = outermost.getEnclosingClass().get();
                    }
                    String name = outermost.getName();
                    String packageName = javaClass.getPackageName();
                    return FEATURE_MODULES.stream().anyMatch(module -> packageName.startsWith(module + "."))
                            && !PUBLISHED_PORTS.contains(name);
                });
    }

    private static DescribedPredicate<JavaClass> resideInBazaarOutsideContracts() {
        return DescribedPredicate.describe(
                "reside in com.bazaar but outside com.bazaar.contracts",
                javaClass -> javaClass.getPackageName().startsWith("com.bazaar.")
                        && !javaClass.getPackageName().equals("com.bazaar.contracts")
                        && !javaClass.getPackageName().startsWith("com.bazaar.contracts."));
    }

    private static boolean isHandler(JavaCodeUnit codeUnit, Class<? extends Annotation> annotation) {
        return codeUnit.isAnnotatedWith(annotation) || codeUnit.isMetaAnnotatedWith(annotation);
    }

    /** Declares a method or constructor annotated (or meta-annotated, like {@code @EventSourcingHandler}) as a handler. */
    private static DescribedPredicate<JavaClass> declareAMessageHandler() {
        return DescribedPredicate.describe(
                "declare a @CommandHandler, @EventHandler or @QueryHandler",
                javaClass -> javaClass.getCodeUnits().stream()
                        .anyMatch(codeUnit ->
                                HANDLER_ANNOTATIONS.stream().anyMatch(annotation -> isHandler(codeUnit, annotation))));
    }

    /** Is the payload (first parameter) of a handler annotated with {@code annotation}, somewhere in the code base. */
    private static DescribedPredicate<JavaClass> areHandledAs(Class<? extends Annotation> annotation) {
        return DescribedPredicate.describe(
                "are the payload of an @" + annotation.getSimpleName(),
                javaClass -> Stream.concat(
                                javaClass.getMethodsWithParameterTypeOfSelf().stream(),
                                javaClass.getConstructorsWithParameterTypeOfSelf().stream())
                        .anyMatch(codeUnit -> isHandler(codeUnit, annotation)
                                && !codeUnit.getRawParameterTypes().isEmpty()
                                && codeUnit.getRawParameterTypes().get(0).equals(javaClass)));
    }

    private static DescribedPredicate<JavaClass> areHandledAsMessages() {
        return DescribedPredicate.describe(
                "are the payload of a @CommandHandler, @EventHandler or @QueryHandler",
                javaClass -> HANDLER_ANNOTATIONS.stream()
                        .anyMatch(annotation -> areHandledAs(annotation).test(javaClass)));
    }

    private static ArchCondition<JavaClass> beRecordsEnumsInterfacesRuntimeExceptionsOrFinalUtilityClasses() {
        return new ArchCondition<>("be records, enums, interfaces, runtime exceptions or final utility classes") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                boolean satisfied = javaClass.isRecord()
                        || javaClass.isEnum()
                        || javaClass.isInterface()
                        || javaClass.isAssignableTo(RuntimeException.class)
                        || isFinalUtilityClass(javaClass);
                events.add(new SimpleConditionEvent(
                        javaClass,
                        satisfied,
                        javaClass.getName()
                                + (satisfied
                                        ? " is a record, enum, interface, runtime exception or final utility class"
                                        : " is a plain class (not a record, enum, interface, runtime exception or final utility"
                                                + " class) in " + javaClass.getSourceCodeLocation())));
            }
        };
    }

    /** Final, only static members, constructors private: a holder of constants or static functions. */
    private static boolean isFinalUtilityClass(JavaClass javaClass) {
        return javaClass.getModifiers().contains(JavaModifier.FINAL)
                && javaClass.getFields().stream()
                        .allMatch(field -> field.getModifiers().contains(JavaModifier.STATIC))
                && javaClass.getMethods().stream()
                        .allMatch(method -> method.getModifiers().contains(JavaModifier.STATIC))
                && !javaClass.getConstructors().isEmpty()
                && javaClass.getConstructors().stream()
                        .allMatch(constructor -> constructor.getModifiers().contains(JavaModifier.PRIVATE));
    }
}
