package com.bazaar.platform.web;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.util.List;

/**
 * Turns media ids (what read models store) into the URLs clients load images from, at answer time, so moving media
 * behind a CDN is a configuration change rather than a replay. With {@code bazaar.media.public-base-url} set (the
 * CDN), URLs are {@code <base>/<mediaId>}; without it they point at this server's {@code /media/<mediaId>}, as the
 * request reached it (so the embedded setup works on any host and port).
 */
@Component
public class MediaUrls {

    private final String publicBaseUrl;

    MediaUrls(@Value("${bazaar.media.public-base-url:}") String publicBaseUrl) {
        this.publicBaseUrl = publicBaseUrl.endsWith("/")
                ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1) : publicBaseUrl;
    }

    public String url(ServerHttpRequest request, String mediaId) {
        return mediaId == null ? null : base(request) + "/" + mediaId;
    }

    public List<String> urls(ServerHttpRequest request, List<String> mediaIds) {
        String base = base(request);
        return mediaIds.stream().map(id -> base + "/" + id).toList();
    }

    private String base(ServerHttpRequest request) {
        if (!publicBaseUrl.isBlank()) {
            return publicBaseUrl;
        }
        URI uri = request.getURI();
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/media";
    }
}
