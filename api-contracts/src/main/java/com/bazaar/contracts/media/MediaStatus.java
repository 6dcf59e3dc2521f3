package com.bazaar.contracts.media;

/** An upload is {@code PENDING} until the server has checked the stored object, then {@code READY}. */
public enum MediaStatus {
    PENDING,
    READY
}
