package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/**
 * Least privilege, pinned statement by statement: the roles whose IAM5 findings NagAcknowledgements accepts must not
 * grow a wildcard unnoticed.
 */
class IamTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theTaskRoleMayUseMediaObjectsOfItsOwnBucketAndWriteItsMetricsAndNothingElse(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        String bucket = MediaStorageTest.uploadsBucketId(template);
        List<Map<String, Object>> statements = Json.statementsOfRole(template, "AppTaskTaskRole");
        assertThat(statements).hasSize(3);
        assertThat(statements).anySatisfy(s -> {
            assertThat(list(s.get("Action")))
                    .containsExactlyInAnyOrder("s3:PutObject", "s3:GetObject", "s3:DeleteObject");
            assertThat(text(s.get("Resource")))
                    .isEqualTo("{Fn::Join=[, [{Fn::GetAtt=[" + bucket + ", Arn]}, /media/*]]}");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("s3:ListBucket");
            assertThat(text(s.get("Resource"))).isEqualTo("{Fn::GetAtt=[" + bucket + ", Arn]}");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(list(s.get("Action"))).containsExactlyInAnyOrder("logs:CreateLogStream", "logs:PutLogEvents");
            assertThat(text(s.get("Resource"))).startsWith("{Fn::GetAtt=[LogsMetrics");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theExecutionRoleReadsExactlyThisEnvironmentsSecretsPullsTheImageAndWritesTheTaskLogs(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        List<Map<String, Object>> statements = Json.statementsOfRole(template, "AppTaskExecutionRole");
        List<String> secrets = Json.resources(template, "AWS::SecretsManager::Secret").keySet().stream()
                .toList();
        statements.stream()
                .filter(s -> text(s.get("Action")).contains("secretsmanager:"))
                .forEach(s -> {
                    assertThat(list(s.get("Action")))
                            .containsExactlyInAnyOrder(
                                    "secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret");
                    assertThat(list(s.get("Resource")))
                            .allSatisfy(r -> assertThat(secrets)
                                    .anySatisfy(id -> assertThat(text(r)).isEqualTo("{Ref=" + id + "}")));
                });
        assertThat(statements)
                .filteredOn(s -> text(s.get("Action")).contains("secretsmanager:"))
                .isNotEmpty();
        // The one statement with Resource "*" is the ECR token, which has no resource-level permissions.
        assertThat(statements)
                .filteredOn(s -> "*".equals(s.get("Resource")))
                .singleElement()
                .satisfies(s -> assertThat(s.get("Action")).isEqualTo("ecr:GetAuthorizationToken"));
        assertThat(statements)
                .filteredOn(s -> text(s.get("Action")).contains("ecr:BatchGetImage"))
                .singleElement()
                .satisfies(s -> assertThat(text(s.get("Resource"))).contains(":repository/bazaar"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void noStatementAnywhereGrantsAllActionsOrAWildcardResourceBeyondTheKnownOnes(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        for (Map<String, Object> statement : Json.statements(template)) {
            assertThat(text(statement.get("Action"))).doesNotContain(":*").isNotEqualTo("*");
            if ("*".equals(statement.get("Resource"))) {
                assertThat(statement.get("Action")).isEqualTo("ecr:GetAuthorizationToken");
            }
        }
    }

    @Test
    void theDeployRoleIsForThisRepositorysMainBranchAndEnvironmentsOnly() {
        Template delivery = Synthesized.app().delivery;
        Map<String, Object> role = Json.only(delivery, "AWS::IAM::Role");
        String trust = text(role.get("AssumeRolePolicyDocument"));
        assertThat(trust)
                .contains(
                        "token.actions.githubusercontent.com:aud=sts.amazonaws.com",
                        "repo:example-org/bazaar:ref:refs/heads/main",
                        "repo:example-org/bazaar:environment:*",
                        "sts:AssumeRoleWithWebIdentity");
        List<Map<String, Object>> statements = Json.statements(delivery);
        assertThat(statements)
                .filteredOn(s -> text(s.get("Action")).contains("sts:AssumeRole"))
                .singleElement()
                .satisfies(s -> assertThat(list(s.get("Resource")))
                        .hasSize(4)
                        .allSatisfy(r -> assertThat(text(r))
                                .contains(":role/cdk-hnb659fds-")
                                .doesNotContain("*")));
        assertThat(Json.only(delivery, "AWS::ECR::Repository"))
                .containsEntry("ImageTagMutability", "IMMUTABLE")
                .containsEntry("RepositoryName", "bazaar");
    }
}
