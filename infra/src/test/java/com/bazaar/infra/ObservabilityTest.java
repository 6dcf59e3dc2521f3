package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/** Logs are kept for a while and no longer; alarms watch what matters and tell the SNS topic. */
class ObservabilityTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void everyLogGroupHasTheEnvironmentsRetention(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        int days = switch (Synthesized.app()
                .stacks
                .environment(environment)
                .settings
                .logRetention()) {
            case TWO_WEEKS -> 14;
            case ONE_MONTH -> 30;
            case THREE_MONTHS -> 90;
            default -> throw new AssertionError("add the retention's days here");
        };
        Map<String, Map<String, Object>> groups = Json.resources(template, "AWS::Logs::LogGroup");
        assertThat(groups).hasSize(4);
        groups.forEach((id, group) -> assertThat(group).as(id).containsEntry("RetentionInDays", days));
        assertThat(groups.values())
                .extracting(g -> g.get("LogGroupName"))
                .contains("/bazaar/" + environment + "/app", "aws-waf-logs-bazaar-" + environment);
        assertThat(text(ServiceTest.appContainer(template).get("LogConfiguration")))
                .contains("awslogs-group={Ref=LogsApp");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void alarmsCoverErrorsLatencyPaymentsWebhooksProcessorsAndDeadLettersAndNotifyTheTopic(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Map<String, Object>> alarms = Json.resources(template, "AWS::CloudWatch::Alarm");
        assertThat(alarms.values())
                .extracting(a -> a.get("AlarmName"))
                .containsExactlyInAnyOrderElementsOf(Monitoring.alarmIds().stream()
                        .map(id -> "Bazaar-" + environment + "-" + id)
                        .toList());
        String topic =
                Json.resources(template, "AWS::SNS::Topic").keySet().iterator().next();
        alarms.forEach((id, alarm) -> {
            assertThat(list(alarm.get("AlarmActions"))).as(id).containsExactly(Map.of("Ref", topic));
            assertThat(list(alarm.get("OKActions"))).as(id).containsExactly(Map.of("Ref", topic));
        });

        assertThat(alarm(alarms, environment, "ServerErrors").toString())
                .contains("HTTPCode_Target_5XX_Count", "HTTPCode_ELB_5XX_Count", "RequestCount");
        assertThat(alarm(alarms, environment, "LatencyP99"))
                .containsEntry("MetricName", "TargetResponseTime")
                .containsEntry("ExtendedStatistic", "p99");
        assertAppMetric(
                alarm(alarms, environment, "PaymentFailures"), "bazaar_payments_failures_total", "Sum", environment);
        assertAppMetric(
                alarm(alarms, environment, "WebhookRejections"), "bazaar_webhooks_rejected_total", "Sum", environment);
        assertAppMetric(
                alarm(alarms, environment, "ProcessorLag"), "bazaar_processor_lag_seconds", "Maximum", environment);
        assertAppMetric(
                alarm(alarms, environment, "DeadLetters"), "bazaar_processor_dead_letters", "Maximum", environment);
        assertThat(alarm(alarms, environment, "DeadLetters"))
                .containsEntry("Threshold", 0)
                .containsEntry("ComparisonOperator", "GreaterThanThreshold");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theMetricsSidecarScrapesTheManagementPortAndPublishesEveryAlarmedSeries(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> agent =
                list(Json.only(template, "AWS::ECS::TaskDefinition").get("ContainerDefinitions")).stream()
                        .map(Json::map)
                        .filter(c -> "cloudwatch-agent".equals(c.get("Name")))
                        .findFirst()
                        .orElseThrow();
        assertThat(agent.get("Image")).isEqualTo(MetricsAgent.IMAGE);
        String variables = text(agent.get("Environment"));
        assertThat(variables)
                .contains(
                        "targets: ['localhost:8081']",
                        "metrics_path: /actuator/prometheus",
                        "Environment: " + environment,
                        "env:PROMETHEUS_CONFIG_CONTENT",
                        "\"metric_namespace\": \"Bazaar\"");
        // Every series an alarm reads is one the agent publishes.
        Json.resources(template, "AWS::CloudWatch::Alarm").values().stream()
                .filter(alarm -> "Bazaar".equals(alarm.get("Namespace")))
                .forEach(alarm -> assertThat(variables).contains("^" + alarm.get("MetricName") + "$"));
        assertThat(ServiceTest.plainEnvironment(template)).containsEntry("AXON_METRICS_MICROMETER_DIMENSIONAL", "true");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theAlarmTopicIsEncryptedWithAKeyCloudWatchMayUse(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> topic = Json.only(template, "AWS::SNS::Topic");
        assertThat(text(topic.get("KmsMasterKeyId"))).contains("MonitoringAlarmTopicKey");
        assertThat(text(Json.only(template, "AWS::KMS::Key").get("KeyPolicy")))
                .contains("Service=cloudwatch.amazonaws.com");
    }

    private static Map<String, Object> alarm(Map<String, Map<String, Object>> alarms, String environment, String id) {
        return alarms.values().stream()
                .filter(a -> ("Bazaar-" + environment + "-" + id).equals(a.get("AlarmName")))
                .findFirst()
                .orElseThrow();
    }

    private static void assertAppMetric(
            Map<String, Object> alarm, String metric, String statistic, String environment) {
        assertThat(alarm)
                .containsEntry("Namespace", "Bazaar")
                .containsEntry("MetricName", metric)
                .containsEntry("Statistic", statistic)
                .containsEntry("Dimensions", List.of(Map.of("Name", "Environment", "Value", environment)))
                .containsEntry("TreatMissingData", "notBreaching");
    }
}
