package com.bazaar.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.SecretValue;
import software.amazon.awscdk.services.ecs.Secret;
import software.amazon.awscdk.services.secretsmanager.ISecret;
import software.amazon.awscdk.services.secretsmanager.SecretStringGenerator;
import software.constructs.Construct;

/**
 * The app's secrets in Secrets Manager, handed to the container as ECS secrets (the agent resolves them at task start;
 * they never appear in the task definition). One secret per issuer, each a JSON object whose fields become variables.
 * Values issued elsewhere (Atlas, Stripe, Apple, Sentry) are created with placeholders and filled in by an operator
 * (infra/README.md, "Secrets to fill"); the feed cursor secret is generated here and never leaves AWS.
 */
final class AppSecrets extends Construct {

    static final String PLACEHOLDER = "REPLACE_ME";

    final ISecret mongodb;
    final ISecret stripe;
    final ISecret apple;
    final ISecret sentry;
    final ISecret feedCursor;
    /** Variable name → where ECS reads it. Order is the order in the task definition. */
    private final Map<String, Secret> variables = new LinkedHashMap<>();

    AppSecrets(Construct scope, String id, Settings settings) {
        super(scope, id);
        String prefix = "bazaar/" + settings.name() + "/";
        RemovalPolicy removal = settings.protectData() ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

        mongodb = placeholder(
                "MongoDb",
                prefix + "mongodb",
                "MongoDB Atlas SRV connection string with retryWrites=true&w=majority (infra/README.md)",
                Map.of("uri", PLACEHOLDER),
                removal);
        stripe = placeholder(
                "Stripe",
                prefix + "stripe",
                "Stripe API keys and the webhook endpoint's signing secret (rotation: infra/README.md)",
                Map.of("secretKey", PLACEHOLDER, "publishableKey", PLACEHOLDER, "webhookSecret", PLACEHOLDER),
                removal);
        apple = placeholder(
                "Apple",
                prefix + "apple",
                "Sign in with Apple: the app's bundle id (the token audience)",
                Map.of("clientId", "com.bazaar.app"),
                removal);
        sentry = placeholder(
                "Sentry", prefix + "sentry", "Sentry DSN for crash and error reporting", Map.of("dsn", ""), removal);
        feedCursor = software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, "FeedCursor")
                .secretName(prefix + "feed-cursor")
                .description("Signs feed cursors; one value for every node (docs/FEED.md)")
                .generateSecretString(SecretStringGenerator.builder()
                        .passwordLength(64)
                        .excludePunctuation(true)
                        .build())
                .removalPolicy(removal)
                .build();

        variables.put("MONGODB_URI", Secret.fromSecretsManager(mongodb, "uri"));
        variables.put("STRIPE_SECRET_KEY", Secret.fromSecretsManager(stripe, "secretKey"));
        variables.put("STRIPE_PUBLISHABLE_KEY", Secret.fromSecretsManager(stripe, "publishableKey"));
        variables.put("STRIPE_WEBHOOK_SECRET", Secret.fromSecretsManager(stripe, "webhookSecret"));
        variables.put("BAZAAR_FEED_CURSOR_SECRET", Secret.fromSecretsManager(feedCursor));
        variables.put("APPLE_CLIENT_ID", Secret.fromSecretsManager(apple, "clientId"));
        variables.put("SENTRY_DSN", Secret.fromSecretsManager(sentry, "dsn"));
    }

    void addDatabase(ISecret credentials) {
        variables.put("BAZAAR_POSTGRES_USER", Secret.fromSecretsManager(credentials, "username"));
        variables.put("BAZAAR_POSTGRES_PASSWORD", Secret.fromSecretsManager(credentials, "password"));
    }

    Map<String, Secret> variables() {
        return Map.copyOf(variables);
    }

    private ISecret placeholder(
            String id, String name, String description, Map<String, String> fields, RemovalPolicy removal) {
        Map<String, SecretValue> values = new LinkedHashMap<>();
        fields.forEach((key, value) -> values.put(key, SecretValue.unsafePlainText(value)));
        // unsafePlainText puts only the placeholders into the template; the real values are written by an operator
        // (put-secret-value) and CloudFormation never sees or reverts them, since the template does not change.
        return software.amazon.awscdk.services.secretsmanager.Secret.Builder.create(this, id)
                .secretName(name)
                .description(description)
                .secretObjectValue(values)
                .removalPolicy(removal)
                .build();
    }
}
