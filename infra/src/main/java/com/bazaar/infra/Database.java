package com.bazaar.infra;

import java.util.List;
import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Validations;
import software.amazon.awscdk.services.ec2.IConnectable;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.SubnetType;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.rds.AuroraPostgresClusterEngineProps;
import software.amazon.awscdk.services.rds.AuroraPostgresEngineVersion;
import software.amazon.awscdk.services.rds.BackupProps;
import software.amazon.awscdk.services.rds.ClusterInstance;
import software.amazon.awscdk.services.rds.Credentials;
import software.amazon.awscdk.services.rds.DatabaseCluster;
import software.amazon.awscdk.services.rds.DatabaseClusterEngine;
import software.amazon.awscdk.services.rds.ServerlessV2ClusterInstanceProps;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.constructs.Construct;

/**
 * Aurora PostgreSQL (Serverless v2) for the planned PostgreSQL event store, only when an environment sets
 * {@code eventStore=postgres}. The app then gets {@code BAZAAR_EVENT_STORE=postgres}, {@code BAZAAR_POSTGRES_URL}
 * (plain: a host name is not a secret) and {@code BAZAAR_POSTGRES_USER}/{@code PASSWORD} from the generated secret.
 * MongoDB (Atlas) stays configured: read models and everything else still live there.
 */
final class Database extends Construct {

    static final String DATABASE = "bazaar";

    final DatabaseCluster cluster;

    Database(Construct scope, String id, Settings settings, Vpc vpc) {
        super(scope, id);
        String identifier = "bazaar-" + settings.name();
        // Created here (not with cloudwatchLogsRetention, which adds a Lambda) so the exported log has a retention.
        LogGroup log = LogGroup.Builder.create(this, "Log")
                .logGroupName("/aws/rds/cluster/" + identifier + "/postgresql")
                .retention(settings.logRetention())
                .removalPolicy(settings.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .build();
        cluster = DatabaseCluster.Builder.create(this, "Cluster")
                .clusterIdentifier(identifier)
                .engine(DatabaseClusterEngine.auroraPostgres(AuroraPostgresClusterEngineProps.builder()
                        .version(AuroraPostgresEngineVersion.VER_16_6)
                        .build()))
                .credentials(Credentials.fromGeneratedSecret(
                        "bazaar",
                        software.amazon.awscdk.services.rds.CredentialsBaseOptions.builder()
                                .secretName("bazaar/" + settings.name() + "/postgres")
                                .build()))
                .defaultDatabaseName(DATABASE)
                .writer(ClusterInstance.serverlessV2(
                        "Writer",
                        ServerlessV2ClusterInstanceProps.builder()
                                .publiclyAccessible(false)
                                .build()))
                .readers(
                        settings.protectData()
                                ? List.of(ClusterInstance.serverlessV2(
                                        "Reader",
                                        ServerlessV2ClusterInstanceProps.builder()
                                                .publiclyAccessible(false)
                                                .scaleWithWriter(true)
                                                .build()))
                                : List.of())
                .serverlessV2MinCapacity(settings.auroraMinCapacity())
                .serverlessV2MaxCapacity(settings.auroraMaxCapacity())
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder()
                        .subnetType(SubnetType.PRIVATE_ISOLATED)
                        .build())
                .storageEncrypted(true)
                .iamAuthentication(true)
                .deletionProtection(settings.protectData())
                .backup(BackupProps.builder()
                        .retention(Duration.days(settings.protectData() ? 14 : 3))
                        .build())
                .cloudwatchLogsExports(List.of("postgresql"))
                .removalPolicy(settings.protectData() ? RemovalPolicy.SNAPSHOT : RemovalPolicy.DESTROY)
                .build();
        cluster.getNode().addDependency(log);
        Validations.of(cluster)
                .acknowledge(Acknowledgment.builder()
                        .id("AwsSolutions-SMG4")
                        .reason(
                                "The generated database password is not rotated automatically yet: ECS hands it to the tasks only at "
                                        + "start, so a rotation must be followed by a forced deployment (infra/README.md, 'Rotating "
                                        + "secrets'). Rotation with a Lambda plus an automatic redeploy is a follow-up.")
                        .build());
    }

    void allowFrom(IConnectable tasks) {
        cluster.getConnections().allowDefaultPortFrom(tasks, "The app's tasks");
    }

    ISecret credentials() {
        return cluster.getSecret();
    }

    String jdbcUrl() {
        return "jdbc:postgresql://" + cluster.getClusterEndpoint().getHostname() + ":"
                + cluster.getClusterEndpoint().getPort() + "/" + DATABASE;
    }
}
