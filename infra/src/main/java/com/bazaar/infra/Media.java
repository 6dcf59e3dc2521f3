package com.bazaar.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cloudfront.AllowedMethods;
import software.amazon.awscdk.services.cloudfront.BehaviorOptions;
import software.amazon.awscdk.services.cloudfront.CacheCookieBehavior;
import software.amazon.awscdk.services.cloudfront.CacheHeaderBehavior;
import software.amazon.awscdk.services.cloudfront.CachePolicy;
import software.amazon.awscdk.services.cloudfront.CacheQueryStringBehavior;
import software.amazon.awscdk.services.cloudfront.Distribution;
import software.amazon.awscdk.services.cloudfront.HttpVersion;
import software.amazon.awscdk.services.cloudfront.PriceClass;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeader;
import software.amazon.awscdk.services.cloudfront.ResponseCustomHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersContentTypeOptions;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersPolicy;
import software.amazon.awscdk.services.cloudfront.ResponseHeadersStrictTransportSecurity;
import software.amazon.awscdk.services.cloudfront.ResponseSecurityHeadersBehavior;
import software.amazon.awscdk.services.cloudfront.SecurityPolicyProtocol;
import software.amazon.awscdk.services.cloudfront.ViewerProtocolPolicy;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOrigin;
import software.amazon.awscdk.services.cloudfront.origins.S3BucketOriginWithOACProps;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * The photo bucket and the CDN in front of it. The app writes {@code media/{id}} through presigned PUT URLs
 * (docs/MEDIA.md) and publishes {@code <BAZAAR_MEDIA_PUBLIC_BASE_URL>/<id>}; the distribution's origin path is
 * {@code /media}, so {@code https://<cdn>/<id>} reads exactly that object and the base URL is the bare CDN origin.
 */
final class Media extends Construct {

    /** Where the app keeps its objects; the task role's object permissions stop at this prefix. */
    static final String PREFIX = "media/";
    /**
     * Objects tagged with this are uploads no listing used yet. The lifecycle rule expires them after two days, a
     * safety net behind the app's own cleanup job (BAZAAR_MEDIA_UNUSED_MAX_AGE, 24 h); the app does not tag uploads
     * yet (a follow-up for media/, infra/README.md), so today the rule only catches objects tagged by hand or by a
     * later app version.
     */
    static final String UNATTACHED_TAG = "bazaar-upload";

    static final String UNATTACHED_VALUE = "unattached";

    final Bucket bucket;
    final Distribution distribution;

    Media(Construct scope, String id, Settings settings, Logs logs) {
        super(scope, id);
        List<String> origins = settings.corsOrigins();
        bucket = Bucket.Builder.create(this, "Uploads")
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .encryption(BucketEncryption.S3_MANAGED)
                .enforceSsl(true)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .versioned(true)
                .serverAccessLogsBucket(logs.bucket)
                .serverAccessLogsPrefix("s3/uploads/")
                // Presigned PUTs come from the mobile app (no CORS needed) and from browser origins listed here.
                .cors(
                        origins.isEmpty()
                                ? List.of()
                                : List.of(CorsRule.builder()
                                        .allowedMethods(List.of(HttpMethods.PUT))
                                        .allowedOrigins(origins)
                                        .allowedHeaders(List.of("Content-Type", "Content-Length"))
                                        .exposedHeaders(List.of("ETag"))
                                        .maxAge(3000)
                                        .build()))
                .lifecycleRules(List.of(
                        LifecycleRule.builder()
                                .id("abort-incomplete-multipart-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(1))
                                .build(),
                        LifecycleRule.builder()
                                .id("expire-unattached-uploads")
                                .prefix(PREFIX)
                                .tagFilters(java.util.Map.of(UNATTACHED_TAG, UNATTACHED_VALUE))
                                .expiration(Duration.days(2))
                                .build(),
                        // Versioning keeps a deleted photo for 30 days (an operator can restore it), then it is gone.
                        LifecycleRule.builder()
                                .id("expire-old-versions")
                                .noncurrentVersionExpiration(Duration.days(30))
                                .expiredObjectDeleteMarker(true)
                                .build()))
                .removalPolicy(settings.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY)
                .autoDeleteObjects(false)
                .build();

        // Media ids are never reused: an object's bytes never change, so browsers and the CDN may keep it for a year.
        CachePolicy immutable = CachePolicy.Builder.create(this, "ImmutableImages")
                .comment("Bazaar media: immutable objects, cached for a year, no cookies, headers or query strings")
                .defaultTtl(Duration.days(365))
                .minTtl(Duration.days(1))
                .maxTtl(Duration.days(365))
                .cookieBehavior(CacheCookieBehavior.none())
                .headerBehavior(CacheHeaderBehavior.none())
                .queryStringBehavior(CacheQueryStringBehavior.none())
                .enableAcceptEncodingBrotli(true)
                .enableAcceptEncodingGzip(true)
                .build();
        ResponseHeadersPolicy headers = ResponseHeadersPolicy.Builder.create(this, "ImageHeaders")
                .comment("Cache-Control for immutable images and basic security headers")
                .customHeadersBehavior(ResponseCustomHeadersBehavior.builder()
                        .customHeaders(List.of(ResponseCustomHeader.builder()
                                .header("Cache-Control")
                                .value("public, max-age=31536000, immutable")
                                .override(true)
                                .build()))
                        .build())
                .securityHeadersBehavior(ResponseSecurityHeadersBehavior.builder()
                        .contentTypeOptions(ResponseHeadersContentTypeOptions.builder()
                                .override(true)
                                .build())
                        .strictTransportSecurity(ResponseHeadersStrictTransportSecurity.builder()
                                .accessControlMaxAge(Duration.days(365))
                                .includeSubdomains(true)
                                .override(true)
                                .build())
                        .build())
                .build();
        distribution = Distribution.Builder.create(this, "Cdn")
                .comment("Bazaar " + settings.name() + " media")
                .defaultBehavior(BehaviorOptions.builder()
                        .origin(S3BucketOrigin.withOriginAccessControl(
                                bucket,
                                S3BucketOriginWithOACProps.builder()
                                        .originPath("/" + PREFIX.substring(0, PREFIX.length() - 1))
                                        .build()))
                        .viewerProtocolPolicy(ViewerProtocolPolicy.REDIRECT_TO_HTTPS)
                        .allowedMethods(AllowedMethods.ALLOW_GET_HEAD)
                        .cachePolicy(immutable)
                        .responseHeadersPolicy(headers)
                        .compress(false)
                        .build())
                .httpVersion(HttpVersion.HTTP2_AND_3)
                .minimumProtocolVersion(SecurityPolicyProtocol.TLS_V1_2_2021)
                .priceClass(PriceClass.PRICE_CLASS_100)
                .enableLogging(true)
                .logBucket(logs.bucket)
                .logFilePrefix("cloudfront/media/")
                .build();
    }

    /** {@code BAZAAR_MEDIA_PUBLIC_BASE_URL}: the app appends {@code /<mediaId>}. */
    String publicBaseUrl() {
        return "https://" + distribution.getDistributionDomainName();
    }

    /**
     * What the app does with the bucket and nothing more: presign PUT and GET, HeadObject at completion (covered by
     * s3:GetObject), delete unused uploads (UnusedUploadCleanup), all under {@code media/}. s3:ListBucket on the
     * bucket itself (no object access) makes S3 answer HeadObject on a missing key with 404 rather than 403: the app
     * maps 404 to "upload first" (409 media-upload-missing) and would turn a 403 into a 500.
     */
    void grantAppAccess(IGrantable role) {
        role.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("MediaObjects")
                        .effect(Effect.ALLOW)
                        .actions(List.of("s3:PutObject", "s3:GetObject", "s3:DeleteObject"))
                        .resources(List.of(bucket.arnForObjects(PREFIX + "*")))
                        .build());
        role.getGrantPrincipal()
                .addToPrincipalPolicy(PolicyStatement.Builder.create()
                        .sid("MediaBucketListing")
                        .effect(Effect.ALLOW)
                        .actions(List.of("s3:ListBucket"))
                        .resources(List.of(bucket.getBucketArn()))
                        .build());
    }
}
