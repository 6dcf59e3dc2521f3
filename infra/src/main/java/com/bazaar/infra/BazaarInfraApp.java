package com.bazaar.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Validations;

/**
 * The CDK app: the delivery stack and one stack per environment, checked by cdk-nag's AwsSolutions rules on every
 * synthesis ({@code app.synth()} fails on any finding that is not acknowledged with a reason in
 * {@link NagAcknowledgements}).
 *
 * <p>Context (all optional, {@code -c key=value}): {@code bazaar:imageTag} (the image to run, a git commit; set by
 * the pipeline), {@code bazaar:githubRepository}, {@code bazaar:githubOidcProviderArn}, {@code bazaar:region}, and
 * per environment {@code bazaar:<env>:<setting>} (Settings).
 */
public final class BazaarInfraApp {

    /** The image tag a synthesis without {@code bazaar:imageTag} refers to; it never exists in ECR. */
    public static final String UNSET_IMAGE_TAG = "set-bazaar-imageTag";

    private BazaarInfraApp() {}

    public static void main(String[] args) {
        String outdir = System.getProperty("bazaar.infra.outdir");
        // Under the CDK CLI, CDK_OUTDIR decides; run directly (exec:java, tests) the templates go to infra/cdk.out.
        App app = new App(
                System.getenv("CDK_OUTDIR") == null && outdir != null
                        ? AppProps.builder().outdir(outdir).build()
                        : AppProps.builder().build());
        define(app, Settings.ENVIRONMENTS);
        app.synth();
    }

    /** Adds the nag checks, the delivery stack and the given environments to {@code app}. */
    public static Stacks define(App app, List<String> environments) {
        Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
        String imageTag = context(app, "bazaar:imageTag", UNSET_IMAGE_TAG);
        DeliveryStack delivery = new DeliveryStack(
                app,
                context(app, "bazaar:region", "eu-central-1"),
                context(app, "bazaar:githubRepository", "example-org/bazaar"),
                context(app, "bazaar:githubOidcProviderArn", ""));
        List<BazaarStack> stacks = new ArrayList<>();
        for (String environment : environments) {
            stacks.add(new BazaarStack(app, Settings.of(environment, app.getNode()), imageTag));
        }
        return new Stacks(delivery, List.copyOf(stacks));
    }

    private static String context(App app, String key, String fallback) {
        Object value = app.getNode().tryGetContext(key);
        return value == null ? fallback : value.toString();
    }

    public record Stacks(DeliveryStack delivery, List<BazaarStack> environments) {

        public BazaarStack environment(String name) {
            return environments.stream()
                    .filter(stack -> stack.settings.name().equals(name))
                    .findFirst()
                    .orElseThrow();
        }
    }
}
