package com.bazaar.app;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start a production-like node (one with an external MongoDB, {@code MONGODB_URI}) on settings that are
 * only safe on a developer's machine, before anything is started, and names the setting to change. The embedded
 * defaults stay as they are so that {@code spring-boot:run} works on a fresh machine. Public: Spring Boot instantiates
 * it from META-INF/spring.factories.
 */
public class UnsafeProductionConfiguration implements EnvironmentPostProcessor {

    /** The cursor secret in application.yml: public, so anyone could forge feed cursors with it. */
    static final String DEFAULT_FEED_CURSOR_SECRET = "bazaar-feed-cursor";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (blank(environment.getProperty("bazaar.mongodb-uri"))) {
            return;
        }
        List<String> problems = new ArrayList<>();
        String cursorSecret = environment.getProperty("bazaar.feed.cursor-secret");
        if (blank(cursorSecret) || DEFAULT_FEED_CURSOR_SECRET.equals(cursorSecret)) {
            problems.add("set BAZAAR_FEED_CURSOR_SECRET (bazaar.feed.cursor-secret) to a secret of your own, the same"
                    + " on every node: the default is public and lets anyone forge feed cursors");
        }
        boolean stripe = !blank(environment.getProperty("bazaar.payments.secret-key"))
                || !blank(environment.getProperty("bazaar.payments.publishable-key"));
        if (stripe && blank(environment.getProperty("bazaar.payments.webhook-secret"))) {
            problems.add("set STRIPE_WEBHOOK_SECRET (bazaar.payments.webhook-secret): Stripe keys are set, and without"
                    + " the webhook secret no payment can be confirmed");
        }
        if (blank(environment.getProperty("bazaar.media.s3-endpoint"))
                && !"false".equalsIgnoreCase(environment.getProperty("bazaar.media.embedded", "true"))) {
            problems.add("set BAZAAR_MEDIA_S3_ENDPOINT (bazaar.media.s3-endpoint) to the S3 endpoint every node uses,"
                    + " or BAZAAR_MEDIA_EMBEDDED=false (bazaar.media.embedded) for AWS S3: the embedded S3 server"
                    + " keeps photos on this node's disk only");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: MONGODB_URI (bazaar.mongodb-uri) names an external"
                    + " MongoDB, so this is a production-like node, but its configuration is unsafe: "
                    + String.join("; ", problems) + ".");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
