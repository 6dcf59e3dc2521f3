package com.bazaar.media.storage;

import com.bazaar.media.MediaProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedPutObjectRequest;

/**
 * The media bucket: presigned URLs for the app to PUT and GET objects directly, and the server's own checks and
 * deletions. Blocking (the SDK's synchronous client); call it off the event loop.
 */
@Component
public class ObjectStore {

    private static final Logger log = LoggerFactory.getLogger(ObjectStore.class);

    /** A URL the app PUTs the bytes to, with exactly the signed Content-Type and Content-Length, until expiry. */
    public record PresignedUpload(URI url, Instant expiresAt) {}

    /** What the bucket holds under a key. */
    public record StoredObject(long size, String contentType) {}

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    ObjectStore(S3Client s3, S3Presigner presigner, MediaProperties properties, S3Setup.S3Connection connection) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = properties.bucket();
        if (connection.embedded()) {
            createBucketIfMissing();
        }
    }

    public PresignedUpload presignPut(String key, String contentType, long size, Duration validFor) {
        // Content-Type and Content-Length become signed headers: a PUT with other values fails the signature.
        PresignedPutObjectRequest presigned = presigner.presignPutObject(request -> request.signatureDuration(validFor)
                .putObjectRequest(put ->
                        put.bucket(bucket).key(key).contentType(contentType).contentLength(size)));
        return new PresignedUpload(toUri(presigned.url()), presigned.expiration());
    }

    public URI presignGet(String key, Duration validFor) {
        return toUri(presigner
                .presignGetObject(request -> request.signatureDuration(validFor)
                        .getObjectRequest(get -> get.bucket(bucket).key(key)))
                .url());
    }

    public Optional<StoredObject> head(String key) {
        try {
            HeadObjectResponse head =
                    s3.headObject(request -> request.bucket(bucket).key(key));
            return Optional.of(new StoredObject(head.contentLength(), head.contentType()));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The whole object; only for the server's own work on photos, which are bounded by {@code max-bytes}. */
    public byte[] read(String key) {
        return s3.getObjectAsBytes(request -> request.bucket(bucket).key(key)).asByteArray();
    }

    /** Stores bytes the server made itself; PUT replaces, so writing the same key again is harmless. */
    public void write(String key, byte[] bytes, String contentType, String cacheControl) {
        s3.putObject(
                request ->
                        request.bucket(bucket).key(key).contentType(contentType).cacheControl(cacheControl),
                RequestBody.fromBytes(bytes));
    }

    /** Deleting a missing object succeeds (S3 semantics), so the cleanup can be retried. */
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    private void createBucketIfMissing() {
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception missing) {
            if (missing.statusCode() != 404) {
                throw missing;
            }
            try {
                s3.createBucket(request -> request.bucket(bucket));
                log.info("Created bucket {}", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                log.debug("Bucket {} was created concurrently", bucket);
            }
        }
    }

    private static URI toUri(java.net.URL url) {
        try {
            return url.toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("The SDK presigned an invalid URL", e);
        }
    }
}
