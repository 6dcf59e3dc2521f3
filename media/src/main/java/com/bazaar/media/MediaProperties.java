package com.bazaar.media;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Upload and storage settings (README, "Configuration"; docs/MEDIA.md).
 *
 * @param maxBytes       the largest photo accepted
 * @param uploadUrlTtl   how long a presigned PUT URL stays valid
 * @param downloadUrlTtl how long the presigned GET URL behind {@code GET /media/{id}} stays valid
 * @param unusedMaxAge   uploads never attached to a listing are deleted once older than this
 * @param cleanupInterval how often unused uploads are looked for (also the delay of the first look after start-up)
 * @param publicBaseUrl  the CDN serving images ({@code <base>/<mediaId>}); blank: this app serves {@code /media/{id}}
 * @param s3Endpoint     an S3 (or S3-compatible) endpoint; blank: AWS's endpoint for {@code region} when
 *                       {@code embedded} is false, else the in-process server
 * @param embedded       start the in-process S3-compatible server (only when {@code s3Endpoint} is blank)
 * @param bucket         the bucket holding {@code media/<mediaId>} objects
 * @param region         the bucket's region (also the signing region)
 * @param accessKey      static credentials; blank: the AWS default chain (task role in production), or a random
 *                       key pair made at start-up for the embedded server
 * @param secretKey      see {@code accessKey}
 * @param embeddedPort   loopback port of the embedded S3 server; 0 picks a free one. A fixed port (with a fixed key
 *                       pair) lets a second node use this node's embedded server as its {@code s3Endpoint}
 * @param maxPixels      the largest photo in pixels (width x height), checked from the header before decoding: a
 *                       small file can claim a bitmap that would not fit in memory (a decompression bomb)
 * @param renditionConcurrency how many photos are decoded for renditions at once on this node (each holds its
 *                       whole bitmap, 4 bytes a pixel)
 */
@ConfigurationProperties("bazaar.media")
public record MediaProperties(
        @DefaultValue("10MB") DataSize maxBytes,
        @DefaultValue("10m") Duration uploadUrlTtl,
        @DefaultValue("5m") Duration downloadUrlTtl,
        @DefaultValue("24h") Duration unusedMaxAge,
        @DefaultValue("1h") Duration cleanupInterval,
        @DefaultValue("") String publicBaseUrl,
        @DefaultValue("") String s3Endpoint,
        @DefaultValue("true") boolean embedded,
        @DefaultValue("bazaar-media") String bucket,
        @DefaultValue("us-east-1") String region,
        @DefaultValue("") String accessKey,
        @DefaultValue("") String secretKey,
        @DefaultValue("0") int embeddedPort,
        @DefaultValue("50000000") long maxPixels,
        @DefaultValue("2") int renditionConcurrency) {

    public boolean embeddedServer() {
        return embedded && s3Endpoint.isBlank();
    }

    public boolean staticCredentials() {
        return !accessKey.isBlank() && !secretKey.isBlank();
    }

    /** Strips trailing slashes so URLs are always {@code <base>/<mediaId>}. */
    public String publicBaseUrl() {
        return publicBaseUrl.replaceAll("/+$", "");
    }
}
