package com.bazaar.infra;

import software.amazon.awscdk.Acknowledgment;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Validations;
import software.constructs.IConstruct;

/**
 * Every cdk-nag AwsSolutions finding this project accepts, each on the narrowest construct it applies to and with
 * the reason it is accepted. Anything else fails the synthesis (and so the build).
 * IAM5 findings are acknowledged one wildcard at a time ({@code AwsSolutions-IAM5[Resource::*]}), so a new
 * wildcard on the same role still fails; IamTest also pins those roles' statements.
 */
final class NagAcknowledgements {

    private NagAcknowledgements() {}

    static void apply(BazaarStack stack) {
        acknowledge(
                stack.secrets,
                "AwsSolutions-SMG4",
                "No automatic rotation: the MongoDB, Stripe, Apple and Sentry values are issued by those services and "
                        + "rotated there (procedure in infra/README.md, 'Rotating secrets'); ECS reads secrets only "
                        + "at task start, so a rotation is a put-secret-value plus a forced deployment, not a Lambda. "
                        + "The feed cursor secret must be one value on all nodes and rotating it invalidates every "
                        + "cursor in flight; it is rotated by hand the same way when needed.");
        acknowledge(
                stack.media.distribution,
                "AwsSolutions-CFR1",
                "No geo restriction: a marketplace's listing photos are public and shown to buyers wherever they are.");
        acknowledge(
                stack.media.distribution,
                "AwsSolutions-CFR2",
                "No WAF on the media CDN: it serves only GET/HEAD of immutable public images from a private bucket "
                        + "(origin access control), with nothing to inject into; a CloudFront web ACL must live in "
                        + "us-east-1 and costs a second WAF per environment. The API's ALB has the WAF.");
        acknowledge(
                stack.media.distribution,
                "AwsSolutions-CFR4",
                "The distribution uses the default *.cloudfront.net certificate, for which CloudFront fixes the "
                        + "minimum viewer TLS version itself (minimumProtocolVersion applies only with a custom "
                        + "certificate). A custom media domain with a us-east-1 ACM certificate and TLS_V1_2_2021 is "
                        + "a follow-up (infra/README.md). Content is public images, no credentials or cookies.");
        acknowledge(
                stack.service.task,
                "AwsSolutions-ECS2",
                "The plain environment holds only non-secret configuration (ports, bucket name, region, CDN URL, "
                        + "flags). Every secret is an ECS secret from Secrets Manager; ServiceTest checks that no "
                        + "secret variable is in the plain environment.");
        acknowledge(
                stack.service.loadBalancer.getConnections().getSecurityGroups().get(0),
                "AwsSolutions-EC23",
                "The internet-facing load balancer is the public entry of a consumer app: 443 (and 80, which only "
                        + "redirects to 443) must be open to everyone. WAF filters and rate-limits behind it.");
        acknowledge(
                stack.service.task.obtainExecutionRole(),
                "AwsSolutions-IAM5[Resource::*]",
                "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires Resource '*'); the image "
                        + "pull actions themselves are limited to the bazaar repository.");
        acknowledge(
                stack.service.task.getTaskRole(),
                "AwsSolutions-IAM5[Resource::<"
                        + stack.getLogicalId(
                                (CfnElement) stack.media.bucket.getNode().getDefaultChild()) + ".Arn>/"
                        + Media.PREFIX + "*]",
                "Object keys are media ids chosen at upload time, so object permissions can only be named by prefix: "
                        + "put/get/delete on media/* of this one bucket, nothing else in it or elsewhere.");
    }

    static void apply(DeliveryStack stack) {
        acknowledge(
                stack.deployRole,
                "AwsSolutions-IAM5[Resource::*]",
                "ecr:GetAuthorizationToken has no resource-level permissions (AWS requires Resource '*'); push and "
                        + "pull are limited to the bazaar repository.");
    }

    private static void acknowledge(IConstruct scope, String rule, String reason) {
        Validations.of(scope)
                .acknowledge(Acknowledgment.builder().id(rule).reason(reason).build());
    }
}
