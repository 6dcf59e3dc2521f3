package com.bazaar.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.wafv2.CfnLoggingConfiguration;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ByteMatchStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.NotStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACLAssociation;
import software.constructs.Construct;

/**
 * AWS WAF on the load balancer: AWS's managed rule sets, and per-IP rate limits on the paths worth abusing.
 *
 * <p>The Stripe webhook ({@value #STRIPE_WEBHOOK}, saga-payments PaymentController) is <b>left open and exempt from
 * the managed rule sets</b>; the app checks Stripe's signature (HMAC-SHA256 with the endpoint secret, a 5-minute
 * timestamp tolerance, idempotent handling; docs/PAYMENTS.md), which authenticates every delivery no matter where it
 * comes from. Restricting the path to Stripe's published source addresses was rejected: the list changes and would
 * need a job to keep an IP set in sync, and a stale list fails silently (deliveries refused, orders left unpaid until
 * Stripe gives up after 3 days) while adding no protection the signature does not already give. The managed rule
 * sets are skipped for it because Stripe's payloads carry customer-entered text (names, addresses, descriptions)
 * that can look like XSS or SQL to them. A generous rate limit still applies to it, and refused signatures are
 * counted and alarmed on (bazaar.webhooks.rejected).
 */
final class Firewall extends Construct {

    static final String STRIPE_WEBHOOK = "/api/v1/webhooks/stripe";
    static final String AUTH = "/api/v1/auth/";
    static final String CART = "/api/v1/cart";
    static final String CHECKOUT = "/api/v1/checkout";

    final CfnWebACL acl;

    Firewall(Construct scope, String id, Settings settings, ApplicationLoadBalancer loadBalancer, LogGroup logs) {
        super(scope, id);
        String prefix = "bazaar-" + settings.name() + "-";
        List<Object> rules = new ArrayList<>();
        rules.add(rateLimit(prefix, "rate-auth", 10, AUTH, "STARTS_WITH", settings.authRequestsPer5Min()));
        rules.add(rateLimit(prefix, "rate-cart", 11, CART, "STARTS_WITH", settings.cartRequestsPer5Min()));
        rules.add(rateLimit(prefix, "rate-checkout", 12, CHECKOUT, "STARTS_WITH", settings.checkoutRequestsPer5Min()));
        rules.add(rateLimit(
                prefix, "rate-stripe-webhook", 13, STRIPE_WEBHOOK, "EXACTLY", settings.webhookRequestsPer5Min()));
        rules.add(managed(prefix, "AWSManagedRulesAmazonIpReputationList", 20, List.of()));
        // The app validates bodies itself and answers problem+json with the field list; a WAF 403 for a large body
        // would be an opaque failure, so the common set's body-size rule only counts.
        rules.add(managed(prefix, "AWSManagedRulesCommonRuleSet", 21, List.of("SizeRestrictions_BODY")));
        rules.add(managed(prefix, "AWSManagedRulesKnownBadInputsRuleSet", 22, List.of()));

        acl = CfnWebACL.Builder.create(this, "WebAcl")
                .name(prefix + "api")
                .scope("REGIONAL")
                .defaultAction(CfnWebACL.DefaultActionProperty.builder()
                        .allow(CfnWebACL.AllowActionProperty.builder().build())
                        .build())
                .visibilityConfig(visibility(prefix + "api"))
                .rules(rules)
                .build();
        CfnWebACLAssociation.Builder.create(this, "LoadBalancer")
                .resourceArn(loadBalancer.getLoadBalancerArn())
                .webAclArn(acl.getAttrArn())
                .build();
        CfnLoggingConfiguration.Builder.create(this, "Logging")
                .resourceArn(acl.getAttrArn())
                .logDestinationConfigs(List.of(logs.getLogGroupArn()))
                .build();
    }

    private static RuleProperty rateLimit(
            String prefix, String name, int priority, String path, String match, int limit) {
        return RuleProperty.builder()
                .name(name)
                .priority(priority)
                .action(RuleActionProperty.builder()
                        .block(CfnWebACL.BlockActionProperty.builder().build())
                        .build())
                .statement(StatementProperty.builder()
                        .rateBasedStatement(RateBasedStatementProperty.builder()
                                .aggregateKeyType("IP")
                                .limit(limit)
                                .evaluationWindowSec(300)
                                .scopeDownStatement(path(path, match))
                                .build())
                        .build())
                .visibilityConfig(visibility(prefix + name))
                .build();
    }

    private static RuleProperty managed(String prefix, String group, int priority, List<String> countOnly) {
        List<Object> overrides = new ArrayList<>();
        for (String rule : countOnly) {
            overrides.add(RuleActionOverrideProperty.builder()
                    .name(rule)
                    .actionToUse(RuleActionProperty.builder()
                            .count(CfnWebACL.CountActionProperty.builder().build())
                            .build())
                    .build());
        }
        return RuleProperty.builder()
                .name(group)
                .priority(priority)
                .overrideAction(OverrideActionProperty.builder()
                        .none(java.util.Map.of())
                        .build())
                .statement(StatementProperty.builder()
                        .managedRuleGroupStatement(ManagedRuleGroupStatementProperty.builder()
                                .vendorName("AWS")
                                .name(group)
                                .ruleActionOverrides(overrides.isEmpty() ? null : overrides)
                                .scopeDownStatement(StatementProperty.builder()
                                        .notStatement(NotStatementProperty.builder()
                                                .statement(path(STRIPE_WEBHOOK, "EXACTLY"))
                                                .build())
                                        .build())
                                .build())
                        .build())
                .visibilityConfig(visibility(prefix + group))
                .build();
    }

    private static StatementProperty path(String path, String match) {
        return StatementProperty.builder()
                .byteMatchStatement(ByteMatchStatementProperty.builder()
                        .fieldToMatch(FieldToMatchProperty.builder()
                                .uriPath(java.util.Map.of())
                                .build())
                        .positionalConstraint(match)
                        .searchString(path)
                        // Spring matches the decoded path: /api/v1/%61uth/login reaches the auth endpoints too.
                        .textTransformations(List.of(
                                TextTransformationProperty.builder()
                                        .priority(0)
                                        .type("URL_DECODE")
                                        .build(),
                                TextTransformationProperty.builder()
                                        .priority(1)
                                        .type("LOWERCASE")
                                        .build()))
                        .build())
                .build();
    }

    private static VisibilityConfigProperty visibility(String metric) {
        return VisibilityConfigProperty.builder()
                .metricName(metric)
                .cloudWatchMetricsEnabled(true)
                .sampledRequestsEnabled(true)
                .build();
    }
}
