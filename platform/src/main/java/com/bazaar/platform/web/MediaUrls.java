package com.bazaar.platform.web;

import com.bazaar.contracts.listing.ListingPhoto;
import com.bazaar.contracts.media.ImageRendition;
import com.bazaar.contracts.media.ImageUrls;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * Turns media ids (what read models store) into the URLs clients load images from, at answer time, so moving media
 * behind a CDN is a configuration change rather than a replay. With {@code bazaar.media.public-base-url} set (the
 * CDN), URLs are {@code <base>/<mediaId>}; without it they point at this server's {@code /media/<mediaId>}, as the
 * request reached it (so the embedded setup works on any host and port). The smaller sizes sit beside the original
 * under names derived from the id ({@link ImageRendition}), so they too need nothing but the id.
 */
@Component
public class MediaUrls {

    private final String publicBaseUrl;

    MediaUrls(@Value("${bazaar.media.public-base-url:}") String publicBaseUrl) {
        this.publicBaseUrl =
                publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String url(ServerHttpRequest request, String mediaId) {
        return mediaId == null ? null : base(request) + "/" + mediaId;
    }

    /** Every size of one photo; null for no photo. */
    public ImageUrls sizes(ServerHttpRequest request, String mediaId) {
        return mediaId == null ? null : sizes(base(request), mediaId);
    }

    /** A listing's photos in order, each with every size. */
    public List<ListingPhoto> photos(ServerHttpRequest request, List<String> mediaIds) {
        String base = base(request);
        return mediaIds.stream()
                .map(id -> new ListingPhoto(id, sizes(base, id)))
                .toList();
    }

    private static ImageUrls sizes(String base, String mediaId) {
        return new ImageUrls(
                base + "/" + ImageRendition.LIST.fileName(mediaId),
                base + "/" + ImageRendition.DETAIL.fileName(mediaId),
                base + "/" + mediaId);
    }

    private String base(ServerHttpRequest request) {
        if (!publicBaseUrl.isBlank()) {
            return publicBaseUrl;
        }
        URI uri = request.getURI();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/media";
    }
}
