package com.bazaar.contracts.cart;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.ListingStatus;
import java.util.List;

/**
 * The cart screen. A line whose listing was sold, reserved or unpublished is {@code available=false} and left out of
 * the totals. Totals are per currency (a cart may hold listings priced in different currencies).
 * {@code version} is the cart version this view reflects (send it as {@code If-Match}).
 */
public record CartView(long version, List<Line> lines, List<Totals> totals) {

    public CartView {
        lines = List.copyOf(lines);
        totals = List.copyOf(totals);
    }

    /** {@code coverImageUrl} is filled in by the HTTP edge from {@code coverImageId}. */
    public record Line(
            String listingId,
            String title,
            Money price,
            Money shippingPrice,
            int quantity,
            ListingStatus status,
            boolean available,
            String coverImageId,
            String coverImageUrl) {

        public Line withCoverImageUrl(String url) {
            return new Line(listingId, title, price, shippingPrice, quantity, status, available, coverImageId, url);
        }
    }

    public CartView withLines(List<Line> newLines) {
        return new CartView(version, newLines, totals);
    }

    public record Totals(Money items, Money shipping, Money total) {}
}
