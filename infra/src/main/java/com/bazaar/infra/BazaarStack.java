package com.bazaar.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.amazon.awscdk.services.ec2.CfnEIP;
import software.amazon.awscdk.services.ec2.FlowLogDestination;
import software.amazon.awscdk.services.ec2.FlowLogOptions;
import software.amazon.awscdk.services.ec2.FlowLogTrafficType;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointAwsService;
import software.amazon.awscdk.services.ec2.GatewayVpcEndpointOptions;
import software.amazon.awscdk.services.ec2.IpAddresses;
import software.amazon.awscdk.services.ec2.SubnetConfiguration;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.constructs.Construct;

/**
 * One environment of Bazaar: network, photo storage and CDN, secrets, the service behind its load balancer, the
 * firewall, optionally Aurora PostgreSQL, logs and alarms. The same class builds dev, stage and prod; only
 * {@link Settings} differ. The stack names a region but no account, so it synthesises without AWS credentials and
 * deploys to whichever account the deploying credentials belong to.
 */
public final class BazaarStack extends Stack {

    final Settings settings;
    final Media media;
    final AppSecrets secrets;
    final Service service;
    final Firewall firewall;
    final Monitoring monitoring;
    final Database database;
    final Vpc vpc;

    public BazaarStack(Construct scope, Settings settings, String imageTag) {
        super(
                scope,
                settings.stackName(),
                StackProps.builder()
                        .env(Environment.builder().region(settings.region()).build())
                        .description("Bazaar marketplace, " + settings.name() + " environment (infra/)")
                        .terminationProtection(settings.protectData())
                        .build());
        this.settings = settings;
        Tags.of(this).add("project", "bazaar");
        Tags.of(this).add("environment", settings.name());

        Logs logs = new Logs(this, "Logs", settings);
        vpc = Vpc.Builder.create(this, "Network")
                .ipAddresses(IpAddresses.cidr("10.20.0.0/16"))
                .maxAzs(2)
                .natGateways(settings.natGateways())
                .subnetConfiguration(List.of(
                        SubnetConfiguration.builder()
                                .name("public")
                                .subnetType(SubnetType.PUBLIC)
                                .cidrMask(24)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("app")
                                .subnetType(SubnetType.PRIVATE_WITH_EGRESS)
                                .cidrMask(20)
                                .build(),
                        SubnetConfiguration.builder()
                                .name("data")
                                .subnetType(SubnetType.PRIVATE_ISOLATED)
                                .cidrMask(24)
                                .build()))
                .gatewayEndpoints(Map.of(
                        "S3",
                        GatewayVpcEndpointOptions.builder()
                                .service(GatewayVpcEndpointAwsService.S3)
                                .build()))
                .build();
        vpc.addFlowLog(
                "FlowLogs",
                FlowLogOptions.builder()
                        .destination(FlowLogDestination.toS3(logs.bucket, "vpc/"))
                        .trafficType(FlowLogTrafficType.REJECT)
                        .build());

        media = new Media(this, "Media", settings, logs);
        secrets = new AppSecrets(this, "Secrets", settings);

        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("BAZAAR_MEDIA_BUCKET", media.bucket.getBucketName());
        environment.put("BAZAAR_MEDIA_PUBLIC_BASE_URL", media.publicBaseUrl());
        database = settings.postgres() ? new Database(this, "Database", settings, vpc) : null;
        if (database != null) {
            environment.put("BAZAAR_EVENT_STORE", Settings.POSTGRES);
            environment.put("BAZAAR_POSTGRES_URL", database.jdbcUrl());
            secrets.addDatabase(database.credentials());
        }

        service = new Service(this, "App", settings, imageTag, vpc, logs, secrets, environment);
        media.grantAppAccess(service.task.getTaskRole());
        if (database != null) {
            database.allowFrom(service.tasks);
        }
        firewall = new Firewall(this, "Firewall", settings, service.loadBalancer, logs.waf);
        monitoring = new Monitoring(this, "Monitoring", settings, service);
        NagAcknowledgements.apply(this);

        CfnOutput.Builder.create(this, "LoadBalancerDns")
                .value(service.loadBalancer.getLoadBalancerDnsName())
                .description("Point " + settings.apiDomain() + " here (CNAME or alias)")
                .build();
        CfnOutput.Builder.create(this, "ApiUrl")
                .value("https://" + settings.apiDomain())
                .description("The API; the Stripe webhook URL is this plus " + Firewall.STRIPE_WEBHOOK)
                .build();
        CfnOutput.Builder.create(this, "MediaBaseUrl")
                .value(media.publicBaseUrl())
                .description("BAZAAR_MEDIA_PUBLIC_BASE_URL")
                .build();
        CfnOutput.Builder.create(this, "AlarmTopic")
                .value(monitoring.alarms.getTopicArn())
                .build();
        CfnOutput.Builder.create(this, "NatAddresses")
                .value(String.join(",", natAddresses()))
                .description("Outbound addresses of the tasks: the Atlas IP access list entries")
                .build();
    }

    private List<String> natAddresses() {
        return vpc.getPublicSubnets().stream()
                .map(subnet -> subnet.getNode().tryFindChild("EIP"))
                .filter(CfnEIP.class::isInstance)
                .map(eip -> ((CfnEIP) eip).getAttrPublicIp())
                .toList();
    }
}
