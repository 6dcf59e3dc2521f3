package com.bazaar.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Where every log goes, each with a retention: the app's and the metrics agent's log groups, the WAF's, and one S3
 * bucket for access logs (ALB, CloudFront, the uploads bucket, VPC flow logs).
 */
final class Logs extends Construct {

    final Bucket bucket;
    final LogGroup app;
    final LogGroup agent;
    /** The CloudWatch agent writes scraped Prometheus metrics here in the embedded metric format (EMF). */
    final LogGroup metrics;
    /** WAF requires the name to start with {@code aws-waf-logs-}. */
    final LogGroup waf;

    Logs(Construct scope, String id, Settings settings) {
        super(scope, id);
        RemovalPolicy removal = settings.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
        bucket = Bucket.Builder.create(this, "AccessLogs")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                // ALB access logs support only SSE-S3; CloudFront standard logs need ACLs (bucket owner preferred).
                .encryption(BucketEncryption.S3_MANAGED)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
                .enforceSsl(true)
                .lifecycleRules(List.of(LifecycleRule.builder()
                        .id("expire-access-logs")
                        .expiration(Duration.days(90))
                        .build()))
                .removalPolicy(removal)
                .build();
        app = group("App", "/bazaar/" + settings.name() + "/app", settings, removal);
        agent = group("Agent", "/bazaar/" + settings.name() + "/cloudwatch-agent", settings, removal);
        metrics = group("Metrics", "/bazaar/" + settings.name() + "/prometheus", settings, removal);
        waf = group("Waf", "aws-waf-logs-bazaar-" + settings.name(), settings, removal);
    }

    private LogGroup group(String id, String name, Settings settings, RemovalPolicy removal) {
        return LogGroup.Builder.create(this, id)
                .logGroupName(name)
                .retention(settings.logRetention())
                .removalPolicy(removal)
                .build();
    }
}
