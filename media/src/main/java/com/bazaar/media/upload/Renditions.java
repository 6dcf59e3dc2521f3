package com.bazaar.media.upload;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.media.ImageRendition;
import com.bazaar.media.MediaProperties;
import com.bazaar.media.storage.ObjectStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.stereotype.Component;

/**
 * Makes the {@link ImageRendition}s of an uploaded photo and stores them beside the original (docs/MEDIA.md,
 * "Renditions"). Idempotent: the same original always gives the same keys, and writing them again only replaces
 * them, so a completion that is retried after a crash simply makes them again. The original is only read.
 */
@Component
class Renditions {

    /** The objects never change under their name (the width is in it), so clients and CDNs may keep them a year. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";

    private static final String JPEG = "image/jpeg";
    /** No pure-Java HEIC decoder exists; such photos get copies of the original under the rendition names. */
    private static final String HEIC = "image/heic";

    private static final float JPEG_QUALITY = 0.8f;

    private final ObjectStore objects;
    private final MediaProperties properties;
    /** Decoding holds the whole bitmap (4 bytes a pixel), so only a few run at once whatever the request load. */
    private final Semaphore decoding;

    Renditions(ObjectStore objects, MediaProperties properties) {
        this.objects = objects;
        this.properties = properties;
        this.decoding = new Semaphore(properties.renditionConcurrency());
    }

    /** Blocking. Throws {@link ErrorCode#MEDIA_NOT_AN_IMAGE} or {@link ErrorCode#MEDIA_IMAGE_TOO_LARGE}. */
    void make(Media media) {
        byte[] original = objects.read(media.objectKey());
        if (HEIC.equals(media.contentType())) {
            for (ImageRendition rendition : ImageRendition.values()) {
                objects.write(Media.objectKey(rendition, media.id()), original, HEIC, CACHE_CONTROL);
            }
            return;
        }
        decoding.acquireUninterruptibly();
        try {
            checkPixels(media.id(), original);
            BufferedImage image = opaque(decode(media.id(), original));
            // Largest first, then each smaller one from the previous: cheaper than resizing the original twice.
            BufferedImage source = image;
            ImageRendition[] bySize = ImageRendition.values();
            for (int i = bySize.length - 1; i >= 0; i--) {
                ImageRendition rendition = bySize[i];
                BufferedImage resized = Thumbnails.of(source)
                        .width(Math.min(rendition.width(), image.getWidth())) // never upscaled; aspect kept
                        .asBufferedImage();
                objects.write(Media.objectKey(rendition, media.id()), jpeg(resized), JPEG, CACHE_CONTROL);
                source = resized;
            }
        } catch (IOException e) {
            throw notAnImage(media.id());
        } finally {
            decoding.release();
        }
    }

    /** Reads only the header, so a small file that claims a huge bitmap is refused before any pixel is decoded. */
    private void checkPixels(String mediaId, byte[] bytes) throws IOException {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
            if (!readers.hasNext()) {
                throw notAnImage(mediaId);
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(input, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > properties.maxPixels()) {
                    throw new DomainException(
                            ErrorCode.MEDIA_IMAGE_TOO_LARGE,
                            "Media " + mediaId + " is "
                                    + reader.getWidth(0) + " x " + reader.getHeight(0) + " pixels; at most "
                                    + properties.maxPixels() + " pixels are accepted.");
                }
            } finally {
                reader.dispose();
            }
        }
    }

    /** Thumbnailator turns the photo upright by its EXIF orientation, as phones store it sideways. */
    private static BufferedImage decode(String mediaId, byte[] bytes) throws IOException {
        try {
            return Thumbnails.of(new ByteArrayInputStream(bytes)).scale(1.0).asBufferedImage();
        } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            // Some readers fail corrupt data with runtime exceptions rather than IOException.
            throw notAnImage(mediaId);
        }
    }

    /** JPEG has no alpha: transparent PNG/WebP areas become white rather than black. */
    private static BufferedImage opaque(BufferedImage image) {
        if (!image.getColorModel().hasAlpha()) {
            return image;
        }
        BufferedImage opaque = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = opaque.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, Color.WHITE, null);
        } finally {
            graphics.dispose();
        }
        return opaque;
    }

    private static byte[] jpeg(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            Thumbnails.of(image)
                    .scale(1.0)
                    .outputFormat("jpg")
                    .outputQuality(JPEG_QUALITY)
                    .toOutputStream(out);
        } catch (IOException e) {
            throw new UncheckedIOException("Encoding a JPEG in memory failed", e);
        }
        return out.toByteArray();
    }

    private static DomainException notAnImage(String mediaId) {
        return new DomainException(
                ErrorCode.MEDIA_NOT_AN_IMAGE,
                "Media " + mediaId
                        + " is not a picture this server can read; request a new upload with a JPEG, PNG, WebP or HEIC photo.");
    }
}
