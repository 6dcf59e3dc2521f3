package com.bazaar.app.openapi;

import java.util.Map;

/**
 * One line per operation, shown by documentation tools and generated clients. Kept here rather than as annotations on
 * the controllers so that the feature modules need no OpenAPI dependency; Redocly's operation-summary rule in the
 * build fails when an operation has none.
 */
final class OperationSummaries {

    private static final Map<String, String> SUMMARIES = Map.ofEntries(
            Map.entry("GET /.well-known/jwks.json", "The public keys that verify access tokens (JWKS)"),
            Map.entry(
                    "GET /api/v1/admin/aggregates/{type}/{id}/history", "An aggregate's events, oldest first (staff)"),
            Map.entry(
                    "GET /api/v1/admin/aggregates/{type}/{id}/state",
                    "An aggregate's state rebuilt from its events (staff)"),
            Map.entry("GET /api/v1/admin/audit", "The audit trail of commands and who sent them (staff)"),
            Map.entry(
                    "POST /api/v1/admin/chat/messages/{messageId}/reject",
                    "Reject a chat message held for review (admin)"),
            Map.entry(
                    "POST /api/v1/admin/chat/messages/{messageId}/relay",
                    "Relay a chat message held for review (admin)"),
            Map.entry("GET /api/v1/admin/chat/pending", "Chat messages waiting for review (staff)"),
            Map.entry(
                    "POST /api/v1/admin/chat/threads/{threadId}/messages",
                    "Write in a chat thread as the marketplace (admin)"),
            Map.entry("GET /api/v1/admin/dead-letters", "Events parked after their handler failed (admin)"),
            Map.entry("DELETE /api/v1/admin/dead-letters/{processor}/{id}", "Delete a parked event (admin)"),
            Map.entry("POST /api/v1/admin/dead-letters/{processor}/{id}/retry", "Retry a parked event (admin)"),
            Map.entry("GET /api/v1/admin/processors", "Every event processor's position, lag and state (staff)"),
            Map.entry("GET /api/v1/admin/processors/{name}", "One event processor's position, lag and state (staff)"),
            Map.entry("GET /api/v1/admin/processors/{name}/rebuild", "Progress of a read model rebuild (staff)"),
            Map.entry(
                    "POST /api/v1/admin/processors/{name}/rebuild",
                    "Rebuild a processor's read models from the events (staff)"),
            Map.entry("GET /api/v1/admin/users/{userId}", "A user's account and roles (staff)"),
            Map.entry("PUT /api/v1/admin/users/{userId}/roles", "Replace a user's roles (admin)"),
            Map.entry(
                    "GET /api/v1/admin/users/{userId}/security-audit", "A user's sign-ins and security events (staff)"),
            Map.entry("POST /api/v1/auth/apple", "Sign in with Apple"),
            Map.entry("POST /api/v1/auth/login", "Sign in with email and password"),
            Map.entry("POST /api/v1/auth/logout", "Sign out: revoke a refresh token and its family"),
            Map.entry("POST /api/v1/auth/refresh", "Exchange a refresh token for new tokens"),
            Map.entry("POST /api/v1/auth/signup", "Create an account"),
            Map.entry("GET /api/v1/cart", "The caller's cart, with current prices and availability"),
            Map.entry("DELETE /api/v1/cart/items", "Empty the cart"),
            Map.entry("POST /api/v1/cart/items", "Add a listing to the cart"),
            Map.entry("DELETE /api/v1/cart/items/{listingId}", "Remove a listing from the cart"),
            Map.entry("PATCH /api/v1/cart/items/{listingId}", "Change the quantity of a cart line"),
            Map.entry("GET /api/v1/chat/threads", "The caller's chat threads, newest first, with unread counts"),
            Map.entry("POST /api/v1/chat/threads", "Open (or find) the chat thread about a listing"),
            Map.entry("GET /api/v1/chat/threads/{threadId}/messages", "A chat thread's messages"),
            Map.entry("POST /api/v1/chat/threads/{threadId}/messages", "Send a chat message"),
            Map.entry("POST /api/v1/chat/threads/{threadId}/read", "Mark a chat thread read up to a message"),
            Map.entry("POST /api/v1/checkout", "Check out the cart: place one order per seller"),
            Map.entry("GET /api/v1/feed", "The feed of listings for sale, newest first, filtered, one page per cursor"),
            Map.entry("POST /api/v1/listings", "Create a listing draft"),
            Map.entry("GET /api/v1/listings/{listingId}", "A listing's details"),
            Map.entry("PUT /api/v1/listings/{listingId}", "Edit a listing"),
            Map.entry("POST /api/v1/listings/{listingId}/publish", "Publish a listing: put it up for sale"),
            Map.entry("POST /api/v1/listings/{listingId}/unpublish", "Unpublish a listing: take it off sale"),
            Map.entry("GET /api/v1/me", "The caller's profile"),
            Map.entry("PATCH /api/v1/me", "Change the caller's profile"),
            Map.entry("POST /api/v1/media/uploads", "Start a photo upload: get a presigned upload URL"),
            Map.entry("GET /api/v1/media/{id}", "An upload's status and URLs"),
            Map.entry("POST /api/v1/media/{id}/complete", "Finish a photo upload once the file is stored"),
            Map.entry("GET /api/v1/orders", "The caller's orders as buyer, newest first"),
            Map.entry("GET /api/v1/orders/{orderId}", "An order with its status timeline"),
            Map.entry("POST /api/v1/orders/{orderId}/cancel", "Cancel an order"),
            Map.entry("POST /api/v1/orders/{orderId}/deliver", "Confirm an order was delivered"),
            Map.entry(
                    "GET /api/v1/orders/{orderId}/payment",
                    "What the app needs to pay an order (Stripe client secret)"),
            Map.entry("GET /api/v1/orders/{orderId}/receipt", "An order's receipt"),
            Map.entry("POST /api/v1/orders/{orderId}/refund", "Refund a paid order (seller)"),
            Map.entry(
                    "POST /api/v1/orders/{orderId}/ship",
                    "Mark an order shipped, with carrier and tracking number (seller)"),
            Map.entry("GET /api/v1/sales", "The caller's orders as seller, newest first"),
            Map.entry("GET /api/v1/sellers/{sellerId}/listings", "A seller's label and listings for sale"),
            Map.entry("POST /api/v1/webhooks/stripe", "Stripe's payment events, signed by Stripe"),
            Map.entry("GET /media/{name}", "A public image or one of its sizes: a redirect to where it is stored"));

    private OperationSummaries() {}

    /** The summary of {@code method} on the OpenAPI {@code path}, or null when none is written yet. */
    static String of(String method, String path) {
        return SUMMARIES.get(method + " " + path);
    }
}
