package com.bazaar.infra;

import static com.bazaar.infra.Json.list;
import static com.bazaar.infra.Json.map;
import static com.bazaar.infra.Json.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awscdk.assertions.Template;

/** AWS WAF in front of the API: managed rule sets, per-IP rate limits, the webhook left to its signature. */
class FirewallTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theLoadBalancerIsProtectedByManagedRuleSetsAndTheWebAclLogs(String environment) {
        Template template = Synthesized.app().environments.get(environment);
        Map<String, Object> acl = Json.only(template, "AWS::WAFv2::WebACL");
        assertThat(acl).containsEntry("Scope", "REGIONAL");
        List<String> managed = rules(acl).stream()
                .map(rule -> map(map(rule.get("Statement")).get("ManagedRuleGroupStatement")))
                .filter(statement -> statement != null)
                .map(statement -> text(statement.get("Name")))
                .toList();
        assertThat(managed)
                .containsExactlyInAnyOrder(
                        "AWSManagedRulesCommonRuleSet",
                        "AWSManagedRulesKnownBadInputsRuleSet",
                        "AWSManagedRulesAmazonIpReputationList");

        Map<String, Object> association = Json.only(template, "AWS::WAFv2::WebACLAssociation");
        assertThat(text(association.get("ResourceArn"))).contains("AppLoadBalancer");
        assertThat(text(Json.only(template, "AWS::WAFv2::LoggingConfiguration").get("LogDestinationConfigs")))
                .contains("LogsWaf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void authCartAndCheckoutAreRateLimitedPerClientAddress(String environment) {
        Settings settings = Synthesized.app().stacks.environment(environment).settings;
        Map<String, Object> acl = Json.only(Synthesized.app().environments.get(environment), "AWS::WAFv2::WebACL");
        assertRateLimit(acl, "/api/v1/auth/", "STARTS_WITH", settings.authRequestsPer5Min());
        assertRateLimit(acl, "/api/v1/cart", "STARTS_WITH", settings.cartRequestsPer5Min());
        assertRateLimit(acl, "/api/v1/checkout", "STARTS_WITH", settings.checkoutRequestsPer5Min());
        assertRateLimit(acl, "/api/v1/webhooks/stripe", "EXACTLY", settings.webhookRequestsPer5Min());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "stage", "prod"})
    void theStripeWebhookIsNotIpRestrictedAndSkipsTheManagedRuleSets(String environment) {
        Map<String, Object> acl = Json.only(Synthesized.app().environments.get(environment), "AWS::WAFv2::WebACL");
        assertThat(text(acl)).doesNotContain("IPSetReferenceStatement");
        assertThat(map(acl.get("DefaultAction"))).containsKey("Allow");
        rules(acl).stream()
                .map(rule -> map(map(rule.get("Statement")).get("ManagedRuleGroupStatement")))
                .filter(statement -> statement != null)
                .forEach(statement -> assertThat(text(statement.get("ScopeDownStatement")))
                        .startsWith("{NotStatement={Statement={ByteMatchStatement=")
                        .contains("SearchString=" + Firewall.STRIPE_WEBHOOK, "PositionalConstraint=EXACTLY"));
    }

    private static void assertRateLimit(Map<String, Object> acl, String path, String match, int limit) {
        assertThat(rules(acl)).as("rate limit on %s", path).anySatisfy(rule -> {
            assertThat(map(rule.get("Action"))).containsKey("Block");
            Map<String, Object> rate = map(map(rule.get("Statement")).get("RateBasedStatement"));
            assertThat(rate)
                    .containsEntry("AggregateKeyType", "IP")
                    .containsEntry("Limit", limit)
                    .containsEntry("EvaluationWindowSec", 300);
            Map<String, Object> byteMatch =
                    map(map(rate.get("ScopeDownStatement")).get("ByteMatchStatement"));
            assertThat(byteMatch)
                    .containsEntry("SearchString", path)
                    .containsEntry("PositionalConstraint", match)
                    .containsEntry("FieldToMatch", Map.of("UriPath", Map.of()));
            assertThat(text(byteMatch.get("TextTransformations"))).contains("URL_DECODE", "LOWERCASE");
        });
    }

    private static List<Map<String, Object>> rules(Map<String, Object> acl) {
        return list(acl.get("Rules")).stream().map(Json::map).toList();
    }
}
