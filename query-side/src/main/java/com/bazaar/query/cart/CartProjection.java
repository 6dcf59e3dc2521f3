package com.bazaar.query.cart;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.contracts.cart.CartCleared;
import com.bazaar.contracts.cart.CartItemAdded;
import com.bazaar.contracts.cart.CartItemQuantityChanged;
import com.bazaar.contracts.cart.CartItemRemoved;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingStatusChange;
import com.bazaar.platform.readmodel.OrderedBulkWrites;
import com.bazaar.platform.readmodel.ReadModelCollections;
import com.bazaar.platform.readmodel.SequenceGuard;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The cart screen's read model: each shopper's lines (from cart events) and, separately, what the cart shows about
 * each listing (price, shipping, cover, status, from listing events), joined at query time so a price change or a
 * sale shows in every cart holding the listing. Every update is guarded by the event's sequence number, so redelivery
 * changes nothing. Write-only, so a batch's writes go out together at its end ({@link OrderedBulkWrites}).
 */
@Component
@ProcessingGroup(CartProjection.PROCESSING_GROUP)
class CartProjection {

    static final String PROCESSING_GROUP = "carts";

    private final MongoTemplate mongo;
    private final ReadModelCollections collections;

    CartProjection(MongoTemplate mongo, ReadModelCollections collections) {
        this.mongo = mongo;
        this.collections = collections;
    }

    // ---------------------------------------------------------------- the shopper's lines

    @EventHandler
    void on(CartItemAdded event, @SequenceNumber long sequence) {
        changeCart(event.cartId(), sequence, new Update().set("lines." + event.listingId(), event.quantity()));
    }

    @EventHandler
    void on(CartItemQuantityChanged event, @SequenceNumber long sequence) {
        changeCart(event.cartId(), sequence, new Update().set("lines." + event.listingId(), event.quantity()));
    }

    @EventHandler
    void on(CartItemRemoved event, @SequenceNumber long sequence) {
        changeCart(event.cartId(), sequence, new Update().unset("lines." + event.listingId()));
    }

    @EventHandler
    void on(CartCleared event, @SequenceNumber long sequence) {
        changeCart(event.cartId(), sequence, new Update().unset("lines"));
    }

    /**
     * Creates the cart document on its first event; later events apply only when newer. The version is the cart
     * aggregate's sequence number, which is what {@code If-Match} is checked against.
     */
    private void changeCart(String cartId, long sequence, Update update) {
        applyOnce(collections.name(ShopperCart.COLLECTION), cartId, "version", sequence, update);
    }

    // ---------------------------------------------------------------- what carts show about listings

    @EventHandler
    void on(ListingDraftCreated event, @SequenceNumber long sequence) {
        changeListing(
                event.listingId(),
                sequence,
                details(new Update(), event.details()).set("status", ListingStatus.DRAFT));
    }

    @EventHandler
    void on(ListingEdited event, @SequenceNumber long sequence) {
        changeListing(event.listingId(), sequence, details(new Update(), event.details()));
    }

    @EventHandler
    void on(ListingStatusChange event, @SequenceNumber long sequence) {
        changeListing(event.listingId(), sequence, new Update().set("status", event.statusAfter()));
    }

    private static Update details(Update update, ListingDetails details) {
        return update.set("title", details.title())
                .set("price", details.price())
                .set("shippingPrice", details.shippingPrice())
                .set(
                        "coverPhotoId",
                        details.photoIds().isEmpty() ? null : details.photoIds().get(0));
    }

    private void changeListing(String listingId, long sequence, Update update) {
        applyOnce(collections.name(CartListing.COLLECTION), listingId, SequenceGuard.LAST_SEQUENCE, sequence, update);
    }

    /**
     * The aggregate's first event (sequence 0) creates the document; later ones apply only if newer than what the
     * document has seen, recorded in {@code sequenceField}.
     */
    private void applyOnce(String collection, String id, String sequenceField, long sequence, Update update) {
        if (sequence == 0) {
            OrderedBulkWrites.upsert(
                    mongo,
                    collection,
                    Query.query(where("_id").is(id).and(sequenceField).exists(false)),
                    update.set(sequenceField, sequence));
        } else {
            OrderedBulkWrites.applyIfNewer(mongo, collection, id, sequenceField, sequence, update);
        }
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(ShopperCart.class);
        mongo.dropCollection(CartListing.class);
    }
}
