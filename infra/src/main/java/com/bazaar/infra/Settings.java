package com.bazaar.infra;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Node;

/**
 * Everything that differs between dev, stage and prod. One definition of the environment (BazaarStack), three sets of
 * numbers. Defaults live here; a deployment overrides single values with CDK context, {@code -c bazaar:prod:apiDomain=
 * api.bazaar.example} (see infra/README.md for the list), so nothing account-specific is committed.
 */
public record Settings(
        String name,
        String region,
        /* Public host name of the API; the ALB's certificate is issued for it. */
        String apiDomain,
        /* An existing ACM certificate for apiDomain; empty: the stack requests one validated by DNS. */
        String certificateArn,
        /* Fargate task size: 1024 = 1 vCPU. Memory in MiB; the JVM gets the app container's share (Service). */
        int taskCpu,
        int taskMemoryMiB,
        int minTasks,
        int maxTasks,
        int natGateways,
        RetentionDays logRetention,
        /* Long enough for RSocket streams: clients send keepalive frames every 20 s, so only a dead peer idles out. */
        Duration albIdleTimeout,
        /* "mongo" (MongoDB Atlas, the only store the app has today) or "postgres" (adds Aurora PostgreSQL). */
        String eventStore,
        double auroraMinCapacity,
        double auroraMaxCapacity,
        /* WAF rate-based limits: requests per client IP per 5 minutes. */
        int authRequestsPer5Min,
        int cartRequestsPer5Min,
        int checkoutRequestsPer5Min,
        int webhookRequestsPer5Min,
        /* Alarm thresholds. */
        double max5xxPercent,
        Duration maxP99Latency,
        Duration maxProcessorLag,
        int maxPaymentFailuresPer15Min,
        int maxWebhookRejectionsPer15Min,
        /* Empty: the topic has no subscription until someone subscribes. */
        String alarmEmail,
        /* BAZAAR_CORS_ALLOWED_ORIGINS and the upload bucket's CORS origins (browser clients only; the app needs none). */
        List<String> corsOrigins,
        String adminEmails,
        /* Stage and prod keep their data when the stack is deleted and refuse accidental deletes. */
        boolean protectData) {

    public static final String MONGO = "mongo";
    public static final String POSTGRES = "postgres";
    public static final List<String> ENVIRONMENTS = List.of("dev", "stage", "prod");

    public boolean postgres() {
        return POSTGRES.equals(eventStore);
    }

    public String stackName() {
        return "Bazaar-" + name;
    }

    /** The defaults of one environment, then every {@code bazaar:<env>:<key>} context value found on {@code node}. */
    public static Settings of(String environment, Node node) {
        Settings defaults = switch (environment) {
            case "dev" ->
                new Settings(
                        "dev",
                        "eu-central-1",
                        "api.dev.bazaar.example",
                        "",
                        512,
                        2048,
                        1,
                        2,
                        1,
                        RetentionDays.TWO_WEEKS,
                        Duration.seconds(3600),
                        MONGO,
                        0.5,
                        2,
                        300,
                        600,
                        60,
                        2000,
                        5,
                        Duration.seconds(3),
                        Duration.minutes(5),
                        20,
                        10,
                        "",
                        List.of(),
                        "",
                        false);
            case "stage" ->
                new Settings(
                        "stage",
                        "eu-central-1",
                        "api.stage.bazaar.example",
                        "",
                        1024,
                        2048,
                        2,
                        4,
                        2,
                        RetentionDays.ONE_MONTH,
                        Duration.seconds(3600),
                        MONGO,
                        0.5,
                        4,
                        300,
                        600,
                        60,
                        2000,
                        2,
                        Duration.seconds(1),
                        Duration.minutes(2),
                        10,
                        5,
                        "",
                        List.of(),
                        "",
                        true);
            case "prod" ->
                new Settings(
                        "prod",
                        "eu-central-1",
                        "api.bazaar.example",
                        "",
                        1024,
                        2048,
                        2,
                        10,
                        2,
                        RetentionDays.THREE_MONTHS,
                        Duration.seconds(3600),
                        MONGO,
                        0.5,
                        8,
                        300,
                        600,
                        60,
                        2000,
                        1,
                        Duration.seconds(1),
                        Duration.minutes(1),
                        10,
                        3,
                        "",
                        List.of(),
                        "",
                        true);
            default ->
                throw new IllegalArgumentException("unknown environment " + environment + ", one of " + ENVIRONMENTS);
        };
        return defaults.overriddenBy(key -> {
            Object value = node.tryGetContext("bazaar:" + environment + ":" + key);
            return value == null ? null : value.toString();
        });
    }

    private Settings overriddenBy(Function<String, String> context) {
        String store = text(context, "eventStore", eventStore).toLowerCase(Locale.ROOT);
        if (!store.equals(MONGO) && !store.equals(POSTGRES)) {
            throw new IllegalArgumentException(
                    "bazaar:" + name + ":eventStore must be mongo or postgres, not " + store);
        }
        String origins = context.apply("corsOrigins");
        return new Settings(
                name,
                text(context, "region", region),
                text(context, "apiDomain", apiDomain),
                text(context, "certificateArn", certificateArn),
                number(context, "taskCpu", taskCpu),
                number(context, "taskMemoryMiB", taskMemoryMiB),
                number(context, "minTasks", minTasks),
                number(context, "maxTasks", maxTasks),
                number(context, "natGateways", natGateways),
                logRetention,
                albIdleTimeout,
                store,
                auroraMinCapacity,
                auroraMaxCapacity,
                authRequestsPer5Min,
                cartRequestsPer5Min,
                checkoutRequestsPer5Min,
                webhookRequestsPer5Min,
                max5xxPercent,
                maxP99Latency,
                maxProcessorLag,
                maxPaymentFailuresPer15Min,
                maxWebhookRejectionsPer15Min,
                text(context, "alarmEmail", alarmEmail),
                origins == null ? corsOrigins : List.of(origins.split("\\s*,\\s*")),
                text(context, "adminEmails", adminEmails),
                protectData);
    }

    private static String text(Function<String, String> context, String key, String fallback) {
        String value = context.apply(key);
        return value == null ? fallback : value.trim();
    }

    private static int number(Function<String, String> context, String key, int fallback) {
        String value = context.apply(key);
        return value == null ? fallback : Integer.parseInt(value.trim());
    }
}
