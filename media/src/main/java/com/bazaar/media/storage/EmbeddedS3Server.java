package com.bazaar.media.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * s3proxy with its filesystem backend, on a loopback port (free unless configured), checking AWS signatures (V2 or V4, headers or query
 * string) against one key pair: a presigned URL is refused unless the request matches what was signed. Not an S3
 * imitation of ours: s3proxy is a maintained S3 API implementation (docs/MEDIA.md says what it enforces).
 */
final class EmbeddedS3Server implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedS3Server.class);

    private final S3Proxy proxy;
    private final URI endpoint;

    private EmbeddedS3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    static EmbeddedS3Server start(Path folder, int port, String accessKey, String secretKey) {
        try {
            Files.createDirectories(folder);
            S3Proxy proxy = S3Proxy.builder()
                    .blobStore(new FilesystemNio2BlobStore(folder.toString()))
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                    .build();
            proxy.start();
            URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
            log.info("Embedded S3-compatible server (s3proxy) on {} storing in {}", endpoint, folder);
            return new EmbeddedS3Server(proxy, endpoint);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the object folder " + folder, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the embedded S3 server", e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
