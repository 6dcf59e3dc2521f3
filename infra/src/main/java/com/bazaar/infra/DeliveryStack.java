package com.bazaar.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ecr.LifecycleRule;
import software.amazon.awscdk.services.ecr.Repository;
import software.amazon.awscdk.services.ecr.TagMutability;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IOidcProvider;
import software.amazon.awscdk.services.iam.OidcProviderNative;
import software.amazon.awscdk.services.iam.OidcProviderNativeProps;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.WebIdentityPrincipal;
import software.constructs.Construct;

/**
 * What the pipeline needs before any environment exists: the image repository (one for all environments, so stage and
 * prod run the exact image dev ran) and a role GitHub Actions assumes through OIDC, with no long-lived AWS keys in
 * GitHub. The role may push images to this repository and assume the CDK bootstrap roles, which do the deploying.
 */
public final class DeliveryStack extends Stack {

    public static final String NAME = "Bazaar-delivery";
    static final List<String> BOOTSTRAP_ROLES =
            List.of("deploy-role", "file-publishing-role", "image-publishing-role", "lookup-role");

    final Repository repository;
    final Role deployRole;

    public DeliveryStack(Construct scope, String region, String githubRepository, String existingOidcProviderArn) {
        super(
                scope,
                NAME,
                StackProps.builder()
                        .env(Environment.builder().region(region).build())
                        .description("Bazaar image repository and the GitHub Actions deploy role (infra/)")
                        .build());
        repository = Repository.Builder.create(this, "Images")
                .repositoryName(Service.REPOSITORY)
                // A tag is a git commit: it must always mean the same image, in every environment.
                .imageTagMutability(TagMutability.IMMUTABLE)
                .imageScanOnPush(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .description("Keep the last 200 images")
                        .maxImageCount(200)
                        .build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();

        IOidcProvider github = existingOidcProviderArn.isEmpty()
                ? new OidcProviderNative(
                        this,
                        "GitHub",
                        OidcProviderNativeProps.builder()
                                .url("https://token.actions.githubusercontent.com")
                                .clientIds(List.of("sts.amazonaws.com"))
                                .build())
                : OidcProviderNative.fromOidcProviderArn(this, "GitHub", existingOidcProviderArn);
        deployRole = Role.Builder.create(this, "DeployRole")
                .roleName("bazaar-github-deploy")
                .description("Assumed by GitHub Actions of " + githubRepository + " (main and its environments)")
                .maxSessionDuration(Duration.hours(1))
                .assumedBy(new WebIdentityPrincipal(
                        github.getOidcProviderArn(),
                        Map.of(
                                "StringEquals", Map.of("token.actions.githubusercontent.com:aud", "sts.amazonaws.com"),
                                "StringLike",
                                        Map.of(
                                                "token.actions.githubusercontent.com:sub",
                                                List.of(
                                                        "repo:" + githubRepository + ":ref:refs/heads/main",
                                                        "repo:" + githubRepository + ":environment:*")))))
                .build();
        repository.grantPullPush(deployRole);
        // cdk deploy works through the bootstrap roles (default qualifier), named by account and region.
        deployRole.addToPolicy(PolicyStatement.Builder.create()
                .sid("CdkBootstrapRoles")
                .effect(Effect.ALLOW)
                .actions(List.of("sts:AssumeRole"))
                .resources(BOOTSTRAP_ROLES.stream()
                        .map(role -> "arn:" + getPartition() + ":iam::" + getAccount() + ":role/cdk-hnb659fds-" + role
                                + "-" + getAccount() + "-" + getRegion())
                        .toList())
                .build());
        NagAcknowledgements.apply(this);

        CfnOutput.Builder.create(this, "RepositoryUri")
                .value(repository.getRepositoryUri())
                .build();
        CfnOutput.Builder.create(this, "DeployRoleArn")
                .value(deployRole.getRoleArn())
                .description("GitHub secret AWS_DEPLOY_ROLE_ARN")
                .build();
    }
}
