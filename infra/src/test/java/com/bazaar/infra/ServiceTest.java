package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.map;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/** The task gets its secrets as secrets, its configuration under the app's real names, and sits behind the ALB. */
class ServiceTest {

    static final Set<String> SECRET_VARIABLES = Set.of(
            "MONGODB_URI",
            "STRIPE_SECRET_KEY",
            "STRIPE_PUBLISHABLE_KEY",
            "STRIPE_WEBHOOK_SECRET",
            "BAZAAR_FEED_CURSOR_SECRET",
            "APPLE_CLIENT_ID",
            "SENTRY_DSN");
    /**
     * Variables the task sets that application.yml does not read through a ${NAME} placeholder: Spring Boot binds
     * them to properties itself (relaxed binding), or a library reads them.
     */
    static final Map<String, String> NOT_IN_APPLICATION_YML = Map.of(
            "MANAGEMENT_SERVER_PORT",
                    "Spring Boot: management.server.port (README: keeps actuator off the public port)",
            "SERVER_FORWARD_HEADERS_STRATEGY", "Spring Boot: server.forward-headers-strategy (README table)",
            "AXON_METRICS_MICROMETER_DIMENSIONAL", "Axon: axon.metrics.micrometer.dimensional (MetricsAgent)",
            "SENTRY_DSN", "Sentry's SDKs read it; the backend has no Sentry SDK yet (infra/README.md)");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void secretsAreEcsSecretsFromThisStacksSecretsManagerEntriesAndNeverPlainEnvironment(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> app = appContainer(template);
        Map<String, String> secrets = new LinkedHashMap<>();
        list(app.get("Secrets")).forEach(s -> secrets.put(text(map(s).get("Name")), text(map(s).get("ValueFrom"))));
        assertThat(secrets.keySet()).containsExactlyInAnyOrderElementsOf(SECRET_VARIABLES);
        Set<String> stackSecrets =
                Json.resources(template, "AWS::SecretsManager::Secret").keySet();
        secrets.forEach((name, from) -> assertThat(stackSecrets)
                .as(name)
                .anySatisfy(id -> assertThat(from).contains("Ref=" + id)));

        Map<String, Object> plain = plainEnvironment(template);
        assertThat(plain.keySet())
                .doesNotContainAnyElementsOf(SECRET_VARIABLES)
                .noneMatch(name -> name.matches(".*(SECRET|PASSWORD|KEY|TOKEN|DSN|_URI).*"));
        // Nothing in the template may carry a real value: the placeholders are all there is.
        assertThat(text(template.toJSON())).doesNotContain("sk_live_", "sk_test_", "whsec_", "mongodb+srv://");
    }

    @Test
    void everyVariableTheTaskSetsIsOneTheAppReads() throws IOException {
        Path root = Path.of(System.getProperty("bazaar.repository.root", ".."));
        String yml = Files.readString(root.resolve("app/src/main/resources/application.yml"));
        Matcher placeholders = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]+)[:}]").matcher(yml);
        Set<String> read = new java.util.HashSet<>();
        while (placeholders.find()) {
            read.add(placeholders.group(1));
        }
        assertThat(read).contains("MONGODB_URI", "BAZAAR_MEDIA_PUBLIC_BASE_URL", "STRIPE_WEBHOOK_SECRET");

        for (Template template : Synthesized.app().environments.values()) {
            Set<String> set = new java.util.TreeSet<>(plainEnvironment(template).keySet());
            list(appContainer(template).get("Secrets")).forEach(s -> set.add(text(map(s).get("Name"))));
            set.removeAll(NOT_IN_APPLICATION_YML.keySet());
            assertThat(read).as("variables application.yml reads").containsAll(set);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void actuatorRunsOnAManagementPortThatOnlyTheLoadBalancersHealthCheckReaches(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        assertThat(plainEnvironment(template))
                .containsEntry("MANAGEMENT_SERVER_PORT", "8081")
                .containsEntry("SERVER_PORT", "8080")
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "framework");

        Map<String, Map<String, Object>> listeners = Json.resources(template, "AWS::ElasticLoadBalancingV2::Listener");
        assertThat(listeners.values()).extracting(l -> l.get("Port")).containsExactlyInAnyOrder(443, 80);
        Map<String, Object> http = listeners.values().stream()
                .filter(l -> l.get("Port").equals(80))
                .findFirst()
                .orElseThrow();
        assertThat(text(http.get("DefaultActions"))).contains("Type=redirect", "Protocol=HTTPS", "Port=443");

        Map<String, Object> targets = Json.only(template, "AWS::ElasticLoadBalancingV2::TargetGroup");
        assertThat(targets)
                .containsEntry("Port", 8080)
                .containsEntry("HealthCheckPath", "/actuator/health")
                .containsEntry("HealthCheckPort", "8081")
                .containsEntry("Matcher", Map.of("HttpCode", "200"));
        assertThat(text(targets.get("TargetGroupAttributes"))).doesNotContain("stickiness.enabled, Value=true");

        // Who may reach the tasks: only the load balancer's security group, on 8080 and 8081.
        String albGroup = Json.resources(template, "AWS::EC2::SecurityGroup").keySet().stream()
                .filter(id -> id.contains("LoadBalancerSecurityGroup"))
                .findFirst()
                .orElseThrow();
        List<Map<String, Object>> taskIngress =
                Json.resources(template, "AWS::EC2::SecurityGroupIngress").values().stream()
                        .filter(rule -> text(rule.get("GroupId")).contains("TasksSecurityGroup"))
                        .toList();
        assertThat(taskIngress).extracting(rule -> rule.get("FromPort")).containsExactlyInAnyOrder(8080, 8081);
        assertThat(taskIngress)
                .allSatisfy(rule ->
                        assertThat(text(rule.get("SourceSecurityGroupId"))).contains(albGroup));
        String tasksGroup = Json.resources(template, "AWS::EC2::SecurityGroup").entrySet().stream()
                .filter(e -> e.getKey().contains("TasksSecurityGroup"))
                .map(e -> text(e.getValue()))
                .findFirst()
                .orElseThrow();
        assertThat(tasksGroup).doesNotContain("SecurityGroupIngress");
        assertThat(Json.only(template, "AWS::ECS::Service")).containsEntry("LaunchType", "FARGATE");
        assertThat(text(Json.only(template, "AWS::ECS::Service").get("NetworkConfiguration")))
                .contains("AssignPublicIp=DISABLED");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theLoadBalancerKeepsQuietWebSocketStreamsOpenForAnHour(String environment) {
        Map<String, Object> alb =
                Json.only(Synthesized.app().environments.get(environment), "AWS::ElasticLoadBalancingV2::LoadBalancer");
        assertThat(list(alb.get("LoadBalancerAttributes")))
                .contains(
                        Map.of("Key", "idle_timeout.timeout_seconds", "Value", "3600"),
                        Map.of("Key", "routing.http.drop_invalid_header_fields.enabled", "Value", "true"));
        assertThat(alb).containsEntry("Scheme", "internet-facing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theServiceScalesOnCpuAndOnRequestsPerTask(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Settings settings = Synthesized.app().stacks.environment(environment).settings;
        assertThat(Json.only(template, "AWS::ApplicationAutoScaling::ScalableTarget"))
                .containsEntry("MinCapacity", settings.minTasks())
                .containsEntry("MaxCapacity", settings.maxTasks());
        Set<String> metrics = Json.resources(template, "AWS::ApplicationAutoScaling::ScalingPolicy").values().stream()
                .map(policy -> text(map(policy.get("TargetTrackingScalingPolicyConfiguration"))
                        .get("PredefinedMetricSpecification")))
                .collect(Collectors.toSet());
        assertThat(metrics)
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("ECSServiceAverageCPUUtilization"))
                .anySatisfy(m -> assertThat(m).contains("ALBRequestCountPerTarget"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theAppContainerLeavesRoomForTheMetricsSidecarAndRollsBackFailedDeployments(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Settings settings = Synthesized.app().stacks.environment(environment).settings;
        Map<String, Object> task = Json.only(template, "AWS::ECS::TaskDefinition");
        assertThat(task)
                .containsEntry("Cpu", Integer.toString(settings.taskCpu()))
                .containsEntry("Memory", Integer.toString(settings.taskMemoryMiB()));
        int total = list(task.get("ContainerDefinitions")).stream()
                .mapToInt(c -> (Integer) map(c).get("Memory"))
                .sum();
        assertThat(total).isEqualTo(settings.taskMemoryMiB());
        assertThat(text(Json.only(template, "AWS::ECS::Service").get("DeploymentConfiguration")))
                .contains("DeploymentCircuitBreaker={Enable=true, Rollback=true}", "MinimumHealthyPercent=100");
    }

    static Map<String, Object> appContainer(Template template) {
        return list(Json.only(template, "AWS::ECS::TaskDefinition").get("ContainerDefinitions")).stream()
                .map(Json::map)
                .filter(c -> "app".equals(c.get("Name")))
                .findFirst()
                .orElseThrow();
    }

    static Map<String, Object> plainEnvironment(Template template) {
        Map<String, Object> variables = new LinkedHashMap<>();
        list(appContainer(template).get("Environment"))
                .forEach(v -> variables.put(text(map(v).get("Name")), map(v).get("Value")));
        return variables;
    }
}
