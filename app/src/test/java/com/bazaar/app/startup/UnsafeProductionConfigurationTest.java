package com.bazaar.app.startup;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bazaar.app.RunningBazaar;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node with an external MongoDB is production-like: it refuses to start on a setting that is only safe on a
 * developer's machine, and the message names the setting. Nothing is reached before the refusal, so the MongoDB URI
 * below may point nowhere.
 */
class UnsafeProductionConfigurationTest {

    private static final String EXTERNAL_MONGODB =
            "--bazaar.mongodb-uri=mongodb://127.0.0.1:" + RunningBazaar.freePort() + "/bazaar";
    private static final String OWN_CURSOR_SECRET = "--bazaar.feed.cursor-secret=a-secret-of-our-own";
    private static final String SHARED_S3 = "--bazaar.media.s3-endpoint=http://127.0.0.1:" + RunningBazaar.freePort();

    @TempDir
    Path dataDir;

    @Test
    void theDefaultFeedCursorSecretIsRefused() {
        assertThatThrownBy(() -> RunningBazaar.start(dataDir, EXTERNAL_MONGODB, SHARED_S3))
                .hasMessageContaining("BAZAAR_FEED_CURSOR_SECRET (bazaar.feed.cursor-secret)")
                .hasMessageNotContaining("STRIPE_WEBHOOK_SECRET")
                .hasMessageNotContaining("BAZAAR_MEDIA_S3_ENDPOINT");
    }

    @Test
    void stripeKeysWithoutAWebhookSecretAreRefused() {
        assertThatThrownBy(() -> RunningBazaar.start(
                        dataDir,
                        EXTERNAL_MONGODB,
                        SHARED_S3,
                        OWN_CURSOR_SECRET,
                        "--bazaar.payments.secret-key=sk_test_123",
                        "--bazaar.payments.publishable-key=pk_test_123"))
                .hasMessageContaining("STRIPE_WEBHOOK_SECRET (bazaar.payments.webhook-secret)")
                .hasMessageNotContaining("BAZAAR_FEED_CURSOR_SECRET");
    }

    @Test
    void anEmbeddedS3ServerIsRefused() {
        assertThatThrownBy(() -> RunningBazaar.start(dataDir, EXTERNAL_MONGODB, OWN_CURSOR_SECRET))
                .hasMessageContaining("BAZAAR_MEDIA_S3_ENDPOINT (bazaar.media.s3-endpoint)")
                .hasMessageNotContaining("BAZAAR_FEED_CURSOR_SECRET");
    }
}
