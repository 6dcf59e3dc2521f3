package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.map;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/** The uploads bucket is private, encrypted, TLS-only, cleans up after itself, and is read only through the CDN. */
class MediaStorageTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void everyBucketBlocksPublicAccessIsEncryptedAndRefusesPlainHttp(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Map<String, Object>> buckets = Json.resources(template, "AWS::S3::Bucket");
        assertThat(buckets).hasSize(2); // uploads and access logs
        buckets.forEach((id, bucket) -> {
            assertThat(map(bucket.get("PublicAccessBlockConfiguration")))
                    .as(id)
                    .containsExactlyInAnyOrderEntriesOf(Map.of(
                            "BlockPublicAcls",
                            true,
                            "BlockPublicPolicy",
                            true,
                            "IgnorePublicAcls",
                            true,
                            "RestrictPublicBuckets",
                            true));
            assertThat(text(bucket.get("BucketEncryption"))).as(id).contains("SSEAlgorithm=AES256");
        });
        Map<String, Map<String, Object>> policies = Json.resources(template, "AWS::S3::BucketPolicy");
        assertThat(policies).hasSize(2);
        policies.forEach((id, policy) -> assertThat(
                        list(map(policy.get("PolicyDocument")).get("Statement")))
                .as(id)
                .anySatisfy(statement -> {
                    Map<String, Object> s = map(statement);
                    assertThat(s.get("Effect")).isEqualTo("Deny");
                    assertThat(s.get("Action")).isEqualTo("s3:*");
                    assertThat(map(s.get("Condition")))
                            .isEqualTo(Map.of("Bool", Map.of("aws:SecureTransport", "false")));
                }));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void uploadsExpireWhenUnattachedAndIncompleteMultipartUploadsAreAborted(String environment) {
        Map<String, Object> uploads =
                uploadsBucket(Synthesized.app().environments.get(environment));
        List<Object> rules = list(map(uploads.get("LifecycleConfiguration")).get("Rules"));
        assertThat(rules)
                .anySatisfy(rule -> assertThat(map(rule))
                        .containsEntry("Id", "abort-incomplete-multipart-uploads")
                        .containsEntry("Status", "Enabled")
                        .containsEntry("AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 1)));
        assertThat(rules)
                .anySatisfy(rule -> assertThat(map(rule))
                        .containsEntry("Id", "expire-unattached-uploads")
                        .containsEntry("Status", "Enabled")
                        .containsEntry("ExpirationInDays", 2)
                        .containsEntry("Prefix", Media.PREFIX)
                        .containsEntry(
                                "TagFilters",
                                List.of(Map.of("Key", Media.UNATTACHED_TAG, "Value", Media.UNATTACHED_VALUE))));
        assertThat(rules)
                .anySatisfy(rule -> assertThat(map(rule))
                        .containsEntry("Id", "expire-old-versions")
                        .containsEntry("NoncurrentVersionExpiration", Map.of("NoncurrentDays", 30)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheCdnReadsTheBucketThroughOriginAccessControlUnderTheMediaPrefix(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        assertThat(Json.resources(template, "AWS::CloudFront::OriginAccessControl"))
                .hasSize(1);
        Map<String, Object> distribution =
                map(Json.only(template, "AWS::CloudFront::Distribution").get("DistributionConfig"));
        Map<String, Object> origin = map(list(distribution.get("Origins")).get(0));
        assertThat(origin.get("OriginPath")).isEqualTo("/media");
        assertThat(origin).containsKey("OriginAccessControlId");
        assertThat(map(origin.get("S3OriginConfig"))).containsEntry("OriginAccessIdentity", "");
        assertThat(map(distribution.get("DefaultCacheBehavior")))
                .containsEntry("ViewerProtocolPolicy", "redirect-to-https")
                .containsEntry("AllowedMethods", List.of("GET", "HEAD"));

        String uploadsId = uploadsBucketId(template);
        Map<String, Object> uploadsPolicy = Json.resources(template, "AWS::S3::BucketPolicy").values().stream()
                .filter(policy -> text(policy.get("Bucket")).contains(uploadsId))
                .findFirst()
                .orElseThrow();
        List<Object> allows = list(map(uploadsPolicy.get("PolicyDocument")).get("Statement")).stream()
                .filter(s -> "Allow".equals(map(s).get("Effect")))
                .toList();
        assertThat(allows).singleElement().satisfies(statement -> {
            Map<String, Object> s = map(statement);
            assertThat(s.get("Principal")).isEqualTo(Map.of("Service", "cloudfront.amazonaws.com"));
            assertThat(s.get("Action")).isEqualTo("s3:GetObject");
            // The whole bucket's objects (CDK's OAC grant); the bucket holds nothing but media/.
            assertThat(text(s.get("Resource"))).isEqualTo("{Fn::Join=[, [{Fn::GetAtt=[" + uploadsId + ", Arn]}, /*]]}");
            assertThat(text(s.get("Condition"))).contains("AWS:SourceArn");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void imagesAreCachedAsImmutableForAYear(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> headers = map(
                Json.only(template, "AWS::CloudFront::ResponseHeadersPolicy").get("ResponseHeadersPolicyConfig"));
        assertThat(text(headers.get("CustomHeadersConfig")))
                .contains("Header=Cache-Control", "Value=public, max-age=31536000, immutable", "Override=true");
        Map<String, Object> cache =
                map(Json.only(template, "AWS::CloudFront::CachePolicy").get("CachePolicyConfig"));
        assertThat(cache).containsEntry("DefaultTTL", 31_536_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theAppsPublicImageBaseIsTheDistributionAndItsBucketIsTheUploadsBucket(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> environmentVariables = ServiceTest.plainEnvironment(template);
        String distributionId = Json.resources(template, "AWS::CloudFront::Distribution")
                .keySet()
                .iterator()
                .next();
        assertThat(text(environmentVariables.get("BAZAAR_MEDIA_PUBLIC_BASE_URL")))
                .startsWith("{Fn::Join=[, [https://, {Fn::GetAtt=[" + distributionId + ", DomainName]}");
        assertThat(text(environmentVariables.get("BAZAAR_MEDIA_BUCKET")))
                .isEqualTo("{Ref=" + uploadsBucketId(template) + "}");
        assertThat(environmentVariables).containsEntry("BAZAAR_MEDIA_EMBEDDED", "false");
    }

    @Test
    void browserOriginsMayPutThroughPresignedUrlsAndTheAppAllowsTheSameOrigins() {
        Synthesized app = Synthesized.app();
        assertThat(uploadsBucket(app.environments.get("stage"))).doesNotContainKey("CorsConfiguration");

        Map<String, Object> cors = map(uploadsBucket(app.postgres).get("CorsConfiguration"));
        assertThat(list(cors.get("CorsRules")))
                .singleElement()
                .satisfies(rule -> assertThat(map(rule))
                        .containsEntry("AllowedMethods", List.of("PUT"))
                        .containsEntry("AllowedOrigins", List.of(Synthesized.CORS_ORIGIN))
                        .containsEntry("AllowedHeaders", List.of("Content-Type", "Content-Length")));
        assertThat(ServiceTest.plainEnvironment(app.postgres))
                .containsEntry("BAZAAR_CORS_ALLOWED_ORIGINS", Synthesized.CORS_ORIGIN);
    }

    static Map<String, Object> uploadsBucket(Template template) {
        return Json.resources(template, "AWS::S3::Bucket").get(uploadsBucketId(template));
    }

    static String uploadsBucketId(Template template) {
        return Json.resources(template, "AWS::S3::Bucket").keySet().stream()
                .filter(id -> id.startsWith("MediaUploads"))
                .findFirst()
                .orElseThrow();
    }
}
