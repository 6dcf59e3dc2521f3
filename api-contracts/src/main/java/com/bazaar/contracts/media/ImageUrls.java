package com.bazaar.contracts.media;

/**
 * Where a client loads one photo from, per size: {@code list} (at most 320 px wide, for cards), {@code detail} (at
 * most 1080 px, for the gallery) and the untouched {@code original}. Added at the HTTP edge from the media id.
 */
public record ImageUrls(String list, String detail, String original) {}
