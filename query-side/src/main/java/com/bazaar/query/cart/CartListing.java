package com.bazaar.query.cart;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.ListingStatus;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** What a cart line shows about its listing. */
@Document("#{@readModelCollections.name('cart_listings')}")
record CartListing(
        @Id String id, String title, Money price, Money shippingPrice, String coverPhotoId, ListingStatus status) {

    static final String COLLECTION = "cart_listings";
}
