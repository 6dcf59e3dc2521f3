package com.bazaar.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps;
import software.amazon.awscdk.services.certificatemanager.Certificate;
import software.amazon.awscdk.services.certificatemanager.CertificateValidation;
import software.amazon.awscdk.services.certificatemanager.ICertificate;
import software.amazon.awscdk.services.ec2.Peer;
import software.amazon.awscdk.services.ec2.Port;
import software.amazon.awscdk.services.ec2.SecurityGroup;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.IRepository;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecs.AwsLogDriverProps;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinition;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerDependency;
import software.amazon.awscdk.services.ecs.ContainerDependencyCondition;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.ContainerInsights;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.CpuUtilizationScalingProps;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.LogDriver;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.Protocol;
import software.amazon.awscdk.services.ecs.RequestCountScalingProps;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.ecs.ScalableTaskCount;
import software.amazon.awscdk.services.elasticloadbalancingv2.AddApplicationTargetsProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationListener;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck;
import software.amazon.awscdk.services.elasticloadbalancingv2.ListenerCertificate;
import software.amazon.awscdk.services.elasticloadbalancingv2.SslPolicy;
import software.constructs.Construct;

/**
 * The app on ECS Fargate behind an internet-facing ALB. HTTP and the RSocket WebSocket ({@code /rsocket}) share the
 * one HTTPS listener and target group: an ALB forwards WebSocket upgrades natively, streams resume from cursors so no
 * stickiness is needed, and the idle timeout (Settings.albIdleTimeout) is longer than any quiet stream.
 *
 * <p>Actuator runs on its own port ({@code MANAGEMENT_SERVER_PORT}): the target group's health check and the metrics
 * sidecar reach it; no listener forwards to it, so it is not reachable from the internet.
 */
final class Service extends Construct {

    static final int HTTP_PORT = 8080;
    static final int MANAGEMENT_PORT = 8081;
    static final String HEALTH_PATH = "/actuator/health";
    /** The ECR repository the pipeline pushes to (DeliveryStack); one repository, promoted by tag. */
    static final String REPOSITORY = "bazaar";
    /** What the metrics sidecar is given; the rest of a task's memory belongs to the app container. */
    static final int AGENT_MEMORY_MIB = 256;

    static final int AGENT_CPU = 128;

    final ApplicationLoadBalancer loadBalancer;
    final ApplicationTargetGroup targetGroup;
    final FargateService service;
    final FargateTaskDefinition task;
    final ContainerDefinition app;
    final SecurityGroup tasks;

    Service(
            Construct scope,
            String id,
            Settings settings,
            String imageTag,
            Vpc vpc,
            Logs logs,
            AppSecrets secrets,
            Map<String, String> extraEnvironment) {
        super(scope, id);
        Cluster cluster = Cluster.Builder.create(this, "Cluster")
                .vpc(vpc)
                .containerInsightsV2(ContainerInsights.ENABLED)
                .build();

        task = FargateTaskDefinition.Builder.create(this, "Task")
                .cpu(settings.taskCpu())
                .memoryLimitMiB(settings.taskMemoryMiB())
                .runtimePlatform(RuntimePlatform.builder()
                        .cpuArchitecture(CpuArchitecture.X86_64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX)
                        .build())
                .build();

        IRepository repository = Repository.fromRepositoryName(this, "Images", REPOSITORY);
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("SERVER_PORT", Integer.toString(HTTP_PORT));
        environment.put("MANAGEMENT_SERVER_PORT", Integer.toString(MANAGEMENT_PORT));
        environment.put("SERVER_FORWARD_HEADERS_STRATEGY", "framework");
        environment.put("LOG_FORMAT", "ecs");
        environment.put("MONGODB_DATABASE", "bazaar");
        environment.put("BAZAAR_MEDIA_EMBEDDED", "false");
        environment.put("BAZAAR_MEDIA_REGION", settings.region());
        environment.put("BAZAAR_CORS_ALLOWED_ORIGINS", String.join(",", settings.corsOrigins()));
        environment.put("BAZAAR_ADMIN_EMAILS", settings.adminEmails());
        // One name per Axon meter with a processorName tag, so one alarm covers every processor (MetricsAgent).
        environment.put("AXON_METRICS_MICROMETER_DIMENSIONAL", "true");
        environment.putAll(extraEnvironment);

        app = task.addContainer(
                "App",
                ContainerDefinitionOptions.builder()
                        .containerName("app")
                        .image(ContainerImage.fromEcrRepository(repository, imageTag))
                        .essential(true)
                        // A hard limit: the JVM sizes its heap from it (-XX:MaxRAMPercentage in the image,
                        // app/pom.xml).
                        .memoryLimitMiB(settings.taskMemoryMiB() - AGENT_MEMORY_MIB)
                        .portMappings(List.of(
                                PortMapping.builder()
                                        .name("http")
                                        .containerPort(HTTP_PORT)
                                        .protocol(Protocol.TCP)
                                        .build(),
                                PortMapping.builder()
                                        .name("management")
                                        .containerPort(MANAGEMENT_PORT)
                                        .protocol(Protocol.TCP)
                                        .build()))
                        .environment(environment)
                        .secrets(secrets.variables())
                        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logs.app)
                                .streamPrefix("app")
                                .build()))
                        // Spring's graceful shutdown waits up to 30 s for in-flight requests.
                        .stopTimeout(Duration.seconds(45))
                        .build());

        ContainerDefinition agent = task.addContainer(
                "MetricsAgent",
                ContainerDefinitionOptions.builder()
                        .containerName("cloudwatch-agent")
                        .image(ContainerImage.fromRegistry(MetricsAgent.IMAGE))
                        .essential(false)
                        .cpu(AGENT_CPU)
                        .memoryLimitMiB(AGENT_MEMORY_MIB)
                        .environment(Map.of(
                                "CW_CONFIG_CONTENT", MetricsAgent.agentConfig(settings, logs.metrics.getLogGroupName()),
                                "PROMETHEUS_CONFIG_CONTENT", MetricsAgent.prometheusConfig(settings, MANAGEMENT_PORT)))
                        .logging(LogDriver.awsLogs(AwsLogDriverProps.builder()
                                .logGroup(logs.agent)
                                .streamPrefix("cloudwatch-agent")
                                .build()))
                        .build());
        agent.addContainerDependencies(ContainerDependency.builder()
                .container(app)
                .condition(ContainerDependencyCondition.START)
                .build());
        logs.metrics.grantWrite(task.getTaskRole());

        tasks = SecurityGroup.Builder.create(this, "TasksSecurityGroup")
                .vpc(vpc)
                .description("Bazaar tasks: HTTP and health checks from the load balancer only")
                .allowAllOutbound(true)
                .build();
        SecurityGroup albGroup = SecurityGroup.Builder.create(this, "LoadBalancerSecurityGroup")
                .vpc(vpc)
                .description("Bazaar public load balancer: HTTPS, and HTTP redirected to HTTPS")
                .allowAllOutbound(false)
                .build();
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(443), "HTTPS from the internet");
        albGroup.addIngressRule(Peer.anyIpv4(), Port.tcp(80), "HTTP from the internet, redirected to HTTPS");
        tasks.addIngressRule(albGroup, Port.tcp(HTTP_PORT), "HTTP and WebSocket from the load balancer");
        tasks.addIngressRule(albGroup, Port.tcp(MANAGEMENT_PORT), "Health checks from the load balancer");
        albGroup.addEgressRule(tasks, Port.tcp(HTTP_PORT), "To the tasks");
        albGroup.addEgressRule(tasks, Port.tcp(MANAGEMENT_PORT), "Health checks to the tasks");

        service = FargateService.Builder.create(this, "Service")
                .cluster(cluster)
                .taskDefinition(task)
                .desiredCount(settings.minTasks())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                // A deployment whose tasks never get healthy is stopped and rolled back to the last good one.
                .circuitBreaker(DeploymentCircuitBreaker.builder()
                        .enable(true)
                        .rollback(true)
                        .build())
                // Spring Boot + Axon start in 30-60 s on one vCPU.
                .healthCheckGracePeriod(Duration.seconds(180))
                .vpcSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                        .build())
                .securityGroups(List.of(tasks))
                .assignPublicIp(false)
                .enableExecuteCommand(false)
                .build();

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "LoadBalancer")
                .vpc(vpc)
                .internetFacing(true)
                .securityGroup(albGroup)
                .vpcSubnets(
                        SubnetSelection.builder().subnetType(SubnetType.PUBLIC).build())
                .idleTimeout(settings.albIdleTimeout())
                .dropInvalidHeaderFields(true)
                .deletionProtection(settings.protectData())
                .build();
        loadBalancer.logAccessLogs(logs.bucket, "alb");

        ICertificate certificate = settings.certificateArn().isEmpty()
                ? Certificate.Builder.create(this, "Certificate")
                        .domainName(settings.apiDomain())
                        .validation(CertificateValidation.fromDns())
                        .build()
                : Certificate.fromCertificateArn(this, "Certificate", settings.certificateArn());
        ApplicationListener https = loadBalancer.addListener(
                "Https",
                BaseApplicationListenerProps.builder()
                        .port(443)
                        .protocol(ApplicationProtocol.HTTPS)
                        .open(false)
                        .certificates(List.of(ListenerCertificate.fromCertificateManager(certificate)))
                        .sslPolicy(SslPolicy.RECOMMENDED_TLS)
                        .build());
        loadBalancer.addRedirect();

        targetGroup = https.addTargets(
                "App",
                AddApplicationTargetsProps.builder()
                        .port(HTTP_PORT)
                        .protocol(ApplicationProtocol.HTTP)
                        .targets(List.of(service.loadBalancerTarget(
                                software.amazon.awscdk.services.ecs.LoadBalancerTargetOptions.builder()
                                        .containerName("app")
                                        .containerPort(HTTP_PORT)
                                        .build())))
                        .healthCheck(HealthCheck.builder()
                                .path(HEALTH_PATH)
                                .port(Integer.toString(MANAGEMENT_PORT))
                                .healthyHttpCodes("200")
                                .interval(Duration.seconds(15))
                                .timeout(Duration.seconds(5))
                                .healthyThresholdCount(2)
                                .unhealthyThresholdCount(3)
                                .build())
                        // Open streams are cut at deregistration and resume from their cursors on another task.
                        .deregistrationDelay(Duration.seconds(30))
                        .build());

        ScalableTaskCount scaling = service.autoScaleTaskCount(EnableScalingProps.builder()
                .minCapacity(settings.minTasks())
                .maxCapacity(settings.maxTasks())
                .build());
        scaling.scaleOnCpuUtilization(
                "Cpu",
                CpuUtilizationScalingProps.builder()
                        .targetUtilizationPercent(60)
                        .scaleInCooldown(Duration.minutes(5))
                        .scaleOutCooldown(Duration.minutes(1))
                        .build());
        scaling.scaleOnRequestCount(
                "Requests",
                RequestCountScalingProps.builder()
                        .requestsPerTarget(1000)
                        .targetGroup(targetGroup)
                        .scaleInCooldown(Duration.minutes(5))
                        .scaleOutCooldown(Duration.minutes(1))
                        .build());
    }
}
