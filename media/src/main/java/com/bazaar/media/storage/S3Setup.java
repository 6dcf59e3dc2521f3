package com.bazaar.media.storage;

import com.bazaar.media.MediaProperties;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * The S3 client and presigner, pointed at the configured endpoint, AWS's, or the embedded server started here when
 * neither is configured (docs/MEDIA.md). The embedded server lives in this module rather than next to the embedded
 * MongoDB server in app: only the media module needs it, and it goes away with the module on query-only nodes.
 */
@Configuration(proxyBeanMethods = false)
class S3Setup {

    /** Where to talk S3 and as whom. {@code endpoint} is null for AWS's regional endpoint. */
    record S3Connection(URI endpoint, AwsCredentialsProvider credentials, boolean embedded) {}

    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("'${bazaar.media.s3-endpoint:}'.isBlank() and '${bazaar.media.embedded:true}' == 'true'")
    EmbeddedS3ServerHolder embeddedS3Server(
            MediaProperties properties, @Value("${bazaar.data-dir:./data}") Path dataDir) {
        // A key pair nobody else knows unless one is configured: the server listens on loopback for this process only.
        String accessKey = properties.staticCredentials() ? properties.accessKey() : "bazaar-" + randomHex(8);
        String secretKey = properties.staticCredentials() ? properties.secretKey() : randomHex(32);
        Path folder = dataDir.toAbsolutePath().normalize().resolve("s3");
        return new EmbeddedS3ServerHolder(
                EmbeddedS3Server.start(folder, properties.embeddedPort(), accessKey, secretKey),
                StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)));
    }

    @Bean
    S3Connection s3Connection(MediaProperties properties, ObjectProvider<EmbeddedS3ServerHolder> embedded) {
        EmbeddedS3ServerHolder server = embedded.getIfAvailable();
        if (server != null) {
            return new S3Connection(server.server().endpoint(), server.credentials(), true);
        }
        AwsCredentialsProvider credentials = properties.staticCredentials()
                ? StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(properties.accessKey(), properties.secretKey()))
                : DefaultCredentialsProvider.builder().build();
        URI endpoint = properties.s3Endpoint().isBlank() ? null : URI.create(properties.s3Endpoint());
        return new S3Connection(endpoint, credentials, false);
    }

    @Bean(destroyMethod = "close")
    S3Client s3Client(MediaProperties properties, S3Connection connection) {
        var builder = S3Client.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(connection.credentials())
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Checksums only where S3 requires them: S3-compatible servers differ in the newer checksum headers.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (connection.endpoint() != null) {
            // S3-compatible servers on an IP and port have no per-bucket host names.
            builder.endpointOverride(connection.endpoint()).forcePathStyle(true);
        }
        return builder.build();
    }

    @Bean(destroyMethod = "close")
    S3Presigner s3Presigner(MediaProperties properties, S3Connection connection) {
        var builder = S3Presigner.builder()
                .region(Region.of(properties.region()))
                .credentialsProvider(connection.credentials());
        if (connection.endpoint() != null) {
            builder.endpointOverride(connection.endpoint())
                    .serviceConfiguration(S3Configuration.builder()
                            .pathStyleAccessEnabled(true)
                            .build());
        }
        return builder.build();
    }

    /** The embedded server and the key pair it accepts. */
    record EmbeddedS3ServerHolder(EmbeddedS3Server server, AwsCredentialsProvider credentials)
            implements AutoCloseable {

        @Override
        public void close() throws Exception {
            server.close();
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
