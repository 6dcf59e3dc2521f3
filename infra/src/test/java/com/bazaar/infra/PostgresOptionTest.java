package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.map;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Template;

/** {@code bazaar:<env>:eventStore=postgres} adds Aurora PostgreSQL and hands it to the app; Mongo is the default. */
class PostgresOptionTest {

    @Test
    void theDefaultEnvironmentsHaveNoDatabaseClusterAndNoPostgresSettings() {
        Synthesized.app().environments.forEach((name, template) -> {
            assertThat(Json.resources(template, "AWS::RDS::DBCluster")).as(name).isEmpty();
            assertThat(ServiceTest.plainEnvironment(template)).as(name).doesNotContainKey("BAZAAR_EVENT_STORE");
        });
    }

    @Test
    void withPostgresTheAppGetsAnEncryptedPrivateAuroraClusterAndItsCredentialsAsSecrets() {
        Template template = Synthesized.app().postgres;
        Map<String, Object> cluster = Json.only(template, "AWS::RDS::DBCluster");
        assertThat(cluster)
                .containsEntry("Engine", "aurora-postgresql")
                .containsEntry("StorageEncrypted", true)
                .containsEntry("DeletionProtection", true)
                .containsEntry("DatabaseName", "bazaar");
        assertThat(Json.resources(template, "AWS::RDS::DBInstance").values())
                .allSatisfy(instance -> assertThat(instance).containsEntry("PubliclyAccessible", false));
        assertThat(text(Json.only(template, "AWS::RDS::DBSubnetGroup").get("SubnetIds")))
                .contains("Networkdata");

        Map<String, Object> plain = ServiceTest.plainEnvironment(template);
        assertThat(plain).containsEntry("BAZAAR_EVENT_STORE", "postgres");
        assertThat(text(plain.get("BAZAAR_POSTGRES_URL")))
                .contains("jdbc:postgresql://", "Endpoint.Address", "/bazaar");
        assertThat(list(ServiceTest.appContainer(template).get("Secrets")).stream()
                        .map(s -> map(s).get("Name")))
                .contains("BAZAAR_POSTGRES_USER", "BAZAAR_POSTGRES_PASSWORD", "MONGODB_URI");
        // Only the tasks may connect.
        assertThat(Json.resources(template, "AWS::EC2::SecurityGroupIngress").values())
                .filteredOn(rule -> text(rule.get("GroupId")).contains("DatabaseCluster"))
                .singleElement()
                .satisfies(rule ->
                        assertThat(text(rule.get("SourceSecurityGroupId"))).contains("TasksSecurityGroup"));
    }
}
