package com.bazaar.contracts.common;

/**
 * Every business rule a command can break, with the kind of failure it is. The HTTP edge turns the kind into a
 * status code and the code into the problem type ({@code /problems/<slug>}); clients switch on the slug.
 * Codes are part of the public contract: add new ones, never change the meaning of an existing one.
 */
public enum ErrorCode {
    LISTING_NOT_FOUND(Kind.NOT_FOUND, "listing-not-found"),
    LISTING_ALREADY_EXISTS(Kind.CONFLICT, "listing-already-exists"),
    LISTING_ALREADY_PUBLISHED(Kind.CONFLICT, "listing-already-published"),
    LISTING_NOT_PUBLISHED(Kind.CONFLICT, "listing-not-published"),
    LISTING_NOT_EDITABLE(Kind.CONFLICT, "listing-not-editable"),
    LISTING_ALREADY_SOLD(Kind.CONFLICT, "listing-already-sold"),
    LISTING_NEEDS_PHOTOS(Kind.CONFLICT, "listing-needs-photos"),
    PHOTO_NOT_UPLOADED(Kind.CONFLICT, "photo-not-uploaded"),
    MEDIA_NOT_FOUND(Kind.NOT_FOUND, "media-not-found"),
    MEDIA_UPLOAD_MISSING(Kind.CONFLICT, "media-upload-missing"),
    MEDIA_UPLOAD_MISMATCH(Kind.CONFLICT, "media-upload-mismatch"),
    /** The uploaded bytes are not a picture of the declared type (no renditions can be made of them). */
    MEDIA_NOT_AN_IMAGE(Kind.INVALID, "media-not-an-image"),
    /** More pixels than {@code bazaar.media.max-pixels}: refused before decoding (a decompression bomb guard). */
    MEDIA_IMAGE_TOO_LARGE(Kind.INVALID, "media-image-too-large"),
    LISTING_NOT_AVAILABLE(Kind.CONFLICT, "listing-not-available"),
    ORDER_NOT_FOUND(Kind.NOT_FOUND, "order-not-found"),
    RECEIPT_NOT_FOUND(Kind.NOT_FOUND, "receipt-not-found"),
    ORDER_TRANSITION_NOT_ALLOWED(Kind.CONFLICT, "order-transition-not-allowed"),
    PAYMENT_NOT_READY(Kind.CONFLICT, "payment-not-ready"),
    INVALID_WEBHOOK_SIGNATURE(Kind.INVALID, "invalid-webhook-signature"),
    OWN_LISTING(Kind.CONFLICT, "own-listing"),
    QUANTITY_EXCEEDS_STOCK(Kind.CONFLICT, "quantity-exceeds-stock"),
    CART_ITEM_NOT_FOUND(Kind.NOT_FOUND, "cart-item-not-found"),
    STALE_VERSION(Kind.PRECONDITION_FAILED, "stale-version"),
    CART_EMPTY(Kind.CONFLICT, "cart-empty"),
    EMAIL_TAKEN(Kind.CONFLICT, "email-taken"),
    INVALID_CREDENTIALS(Kind.UNAUTHENTICATED, "invalid-credentials"),
    INVALID_REFRESH_TOKEN(Kind.UNAUTHENTICATED, "invalid-refresh-token"),
    INVALID_APPLE_TOKEN(Kind.UNAUTHENTICATED, "invalid-apple-token"),
    ACCOUNT_NOT_FOUND(Kind.NOT_FOUND, "account-not-found"),
    /** A feed cursor older than the snapshot retention: start again from the first page. */
    CURSOR_EXPIRED(Kind.INVALID, "cursor-expired"),
    SELLER_NOT_FOUND(Kind.NOT_FOUND, "seller-not-found"),
    CHAT_THREAD_NOT_FOUND(Kind.NOT_FOUND, "chat-thread-not-found"),
    CHAT_MESSAGE_NOT_FOUND(Kind.NOT_FOUND, "chat-message-not-found"),
    /** The message was relayed or rejected already. */
    CHAT_MESSAGE_NOT_PENDING(Kind.CONFLICT, "chat-message-not-pending"),
    /** A thread about an order takes no new messages some time after the order finished (docs/CHAT.md). */
    CHAT_THREAD_CLOSED(Kind.CONFLICT, "chat-thread-closed"),
    /** No event processor of that name runs on the node asked (docs/OPERATIONS.md). */
    PROCESSOR_NOT_FOUND(Kind.NOT_FOUND, "processor-not-found"),
    /** No parked event of that id in the processor's dead-letter queue (retried, deleted, or never parked). */
    DEAD_LETTER_NOT_FOUND(Kind.NOT_FOUND, "dead-letter-not-found");

    public enum Kind {
        INVALID,
        UNAUTHENTICATED,
        NOT_FOUND,
        CONFLICT,
        PRECONDITION_FAILED
    }

    private final Kind kind;
    private final String slug;

    ErrorCode(Kind kind, String slug) {
        this.kind = kind;
        this.slug = slug;
    }

    public Kind kind() {
        return kind;
    }

    public String slug() {
        return slug;
    }
}
