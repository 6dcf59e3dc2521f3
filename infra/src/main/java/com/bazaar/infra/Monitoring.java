package com.bazaar.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeElb;
import software.amazon.awscdk.services.elasticloadbalancingv2.HttpCodeTarget;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.kms.Key;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sns.subscriptions.EmailSubscription;
import software.constructs.Construct;

/**
 * Alarms and where they go. ALB metrics (5xx, p99, healthy tasks) come from the load balancer itself; the app's
 * own counters (payments, webhooks, event processors) come through the metrics sidecar (MetricsAgent).
 */
final class Monitoring extends Construct {

    final Topic alarms;
    private final Settings settings;

    Monitoring(Construct scope, String id, Settings settings, Service service) {
        super(scope, id);
        this.settings = settings;
        // CloudWatch can publish to an encrypted topic only with a customer managed key that lets it use the key.
        Key key = Key.Builder.create(this, "AlarmTopicKey")
                .enableKeyRotation(true)
                .description("Encrypts the Bazaar " + settings.name() + " alarm topic")
                .build();
        key.grant(new ServicePrincipal("cloudwatch.amazonaws.com"), "kms:Decrypt", "kms:GenerateDataKey*");
        alarms = Topic.Builder.create(this, "Alarms")
                .topicName("bazaar-" + settings.name() + "-alarms")
                .masterKey(key)
                .enforceSsl(true)
                .build();
        if (!settings.alarmEmail().isEmpty()) {
            alarms.addSubscription(new EmailSubscription(settings.alarmEmail()));
        }

        var lb = service.loadBalancer.getMetrics();
        MetricOptions fiveMinutes = MetricOptions.builder()
                .period(Duration.minutes(5))
                .statistic("Sum")
                .build();
        IMetric errorRate = MathExpression.Builder.create()
                .expression("100 * (FILL(target5xx, 0) + FILL(elb5xx, 0)) / FILL(requests, 1)")
                .usingMetrics(Map.of(
                        "target5xx", lb.httpCodeTarget(HttpCodeTarget.TARGET_5XX_COUNT, fiveMinutes),
                        "elb5xx", lb.httpCodeElb(HttpCodeElb.ELB_5XX_COUNT, fiveMinutes),
                        "requests", lb.requestCount(fiveMinutes)))
                .label("5xx % of requests")
                .period(Duration.minutes(5))
                .build();
        alarm(
                "ServerErrors",
                "5xx answers above " + settings.max5xxPercent() + "% of requests",
                errorRate,
                settings.max5xxPercent(),
                2);

        alarm(
                "LatencyP99",
                "p99 target response time above " + settings.maxP99Latency().toSeconds() + " s",
                lb.targetResponseTime(MetricOptions.builder()
                        .statistic("p99")
                        .period(Duration.minutes(5))
                        .build()),
                settings.maxP99Latency().toSeconds(),
                3);

        Alarm noHealthyTasks = Alarm.Builder.create(this, "NoHealthyTasks")
                .alarmName(name(settings, "NoHealthyTasks"))
                .alarmDescription("No task passes the health check (" + Service.HEALTH_PATH + ")")
                .metric(service.targetGroup
                        .getMetrics()
                        .healthyHostCount(MetricOptions.builder()
                                .statistic("Minimum")
                                .period(Duration.minutes(1))
                                .build()))
                .threshold(1)
                .comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .evaluationPeriods(3)
                .treatMissingData(TreatMissingData.BREACHING)
                .build();
        notify(noHealthyTasks);

        MetricOptions fifteenMinutes = MetricOptions.builder()
                .period(Duration.minutes(15))
                .statistic("Sum")
                .build();
        alarm(
                "PaymentFailures",
                "Payments or refunds Stripe refused (bazaar.payments.failures)",
                app(settings, MetricsAgent.PAYMENT_FAILURES, fifteenMinutes),
                settings.maxPaymentFailuresPer15Min(),
                1);
        alarm(
                "WebhookRejections",
                "Stripe webhooks refused: rotated secret not deployed, clock skew or probing "
                        + "(bazaar.webhooks.rejected)",
                app(settings, MetricsAgent.WEBHOOK_REJECTIONS, fifteenMinutes),
                settings.maxWebhookRejectionsPer15Min(),
                1);
        alarm(
                "ProcessorLag",
                "An event processor is behind by more than "
                        + settings.maxProcessorLag().toMinutes() + " min (bazaar.processor.lag.seconds, max over "
                        + "processors; runbook: docs/OPERATIONS.md)",
                app(
                        settings,
                        MetricsAgent.PROCESSOR_LAG,
                        MetricOptions.builder()
                                .period(Duration.minutes(1))
                                .statistic("Maximum")
                                .build()),
                settings.maxProcessorLag().toSeconds(),
                5);
        // Projections park an event that keeps failing in Axon's dead-letter queue and go on: any letter waiting
        // needs a person (docs/OPERATIONS.md, "Handle a dead letter").
        alarm(
                "DeadLetters",
                "Events parked in a dead-letter queue (bazaar.processor.dead.letters)",
                app(
                        settings,
                        MetricsAgent.DEAD_LETTERS,
                        MetricOptions.builder()
                                .period(Duration.minutes(5))
                                .statistic("Maximum")
                                .build()),
                0,
                1);
        alarm(
                "LateCommits",
                "An event became visible late enough to be skipped by tracking processors "
                        + "(bazaar.eventstore.commit.lag.exceeded, docs/EVENT-STORE.md)",
                app(
                        settings,
                        MetricsAgent.LATE_COMMITS,
                        MetricOptions.builder()
                                .period(Duration.minutes(5))
                                .statistic("Sum")
                                .build()),
                0,
                1);
    }

    private static Metric app(Settings settings, String name, MetricOptions options) {
        return Metric.Builder.create()
                .namespace(MetricsAgent.NAMESPACE)
                .metricName(name)
                .dimensionsMap(Map.of("Environment", settings.name()))
                .statistic(options.getStatistic())
                .period(options.getPeriod())
                .build();
    }

    /** Above the threshold for {@code periods} consecutive periods; no data (nothing happened) is fine. */
    private void alarm(String id, String description, IMetric metric, Number threshold, int periods) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmName(name(settings, id))
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .evaluationPeriods(periods)
                .datapointsToAlarm(periods)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        notify(alarm);
    }

    private void notify(Alarm alarm) {
        alarm.addAlarmAction(new SnsAction(alarms));
        alarm.addOkAction(new SnsAction(alarms));
    }

    private static String name(Settings settings, String id) {
        return settings.stackName() + "-" + id;
    }

    static List<String> alarmIds() {
        return List.of(
                "ServerErrors",
                "LatencyP99",
                "NoHealthyTasks",
                "PaymentFailures",
                "WebhookRejections",
                "ProcessorLag",
                "DeadLetters",
                "LateCommits");
    }
}
