package com.bazaar.contracts.media;

/**
 * The smaller copies of every photo, made when its upload completes (docs/MEDIA.md, "Renditions"). Their names are
 * derived from the media id and the width, so read models keep storing only media ids and nothing in the events
 * changes: {@code <mediaId>-w320.jpg} next to the original {@code <mediaId>}. The width is in the name because the
 * objects are cached as immutable: a new width must be a new name, never new bytes under an old one.
 */
public enum ImageRendition {
    /** Feed cards and other lists: two columns on a phone at up to 3x density. */
    LIST(320),
    /** The listing detail gallery: full width of a phone screen. */
    DETAIL(1080);

    private final int width;

    ImageRendition(int width) {
        this.width = width;
    }

    /** Largest width in pixels; a narrower original keeps its own width (never upscaled). */
    public int width() {
        return width;
    }

    /** The name beside the original, both in the bucket ({@code media/<name>}) and in public URLs. */
    public String fileName(String mediaId) {
        return mediaId + suffix();
    }

    /** What follows the media id in {@link #fileName(String)}. */
    public String suffix() {
        return "-w" + width + ".jpg";
    }
}
