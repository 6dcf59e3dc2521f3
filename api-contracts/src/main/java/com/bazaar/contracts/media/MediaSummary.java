package com.bazaar.contracts.media;

/** What the listing rules need to know about one upload. */
public record MediaSummary(String id, String ownerId, MediaStatus status) {}
