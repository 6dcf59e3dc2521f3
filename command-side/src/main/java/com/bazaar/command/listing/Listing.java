package com.bazaar.command.listing;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.EditListing;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.PublishListing;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.listing.ReservedListing;
import com.bazaar.contracts.listing.UnpublishListing;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A seller's item for sale: draft → published ⇄ unpublished; published ⇄ reserved (by an order awaiting payment)
 * → sold. Holds only
 * the state its rules need; read models hold the rest.
 */
@Aggregate
class Listing {

    @AggregateIdentifier
    private String listingId;

    private String sellerId;
    private ListingStatus status;
    private ListingDetails details;
    private String reservedFor;
    /** The order a SOLD listing went to, so a repeated MarkListingSold of that order is told apart from a double sale. */
    private String soldTo;

    /** For Axon, which rebuilds the aggregate from its events. */
    Listing() {}

    @CommandHandler
    Listing(CreateListingDraft command, PhotoRules photos) {
        photos.requireAttachable(command.sellerId(), command.details().photoIds());
        apply(new ListingDraftCreated(command.listingId(), command.sellerId(), command.details()));
    }

    @CommandHandler
    void handle(EditListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId, PhotoRules photos) {
        requireSeller(actingUserId);
        if (status == ListingStatus.RESERVED || status == ListingStatus.SOLD) {
            throw new DomainException(
                    ErrorCode.LISTING_NOT_EDITABLE,
                    "Listing " + listingId + " is " + status.slug() + " and can no longer be changed.");
        }
        photos.requireAttachable(sellerId, command.details().photoIds());
        if (status == ListingStatus.PUBLISHED) {
            // A published listing keeps its promise to shoppers: it never shows a photo that is not there.
            photos.requirePublishable(listingId, command.details().photoIds());
        }
        apply(new ListingEdited(listingId, sellerId, command.details()));
    }

    @CommandHandler
    void handle(PublishListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId, PhotoRules photos) {
        requireSeller(actingUserId);
        switch (status) {
            case PUBLISHED ->
                throw new DomainException(
                        ErrorCode.LISTING_ALREADY_PUBLISHED, "Listing " + listingId + " is already published.");
            case RESERVED, SOLD ->
                throw new DomainException(
                        ErrorCode.LISTING_NOT_EDITABLE, "Listing " + listingId + " is " + status.slug() + ".");
            case DRAFT, UNPUBLISHED -> {
                photos.requirePublishable(listingId, details.photoIds());
                apply(new ListingPublished(listingId, sellerId));
            }
        }
    }

    @CommandHandler
    void handle(UnpublishListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        requireSeller(actingUserId);
        if (status != ListingStatus.PUBLISHED) {
            throw new DomainException(
                    ErrorCode.LISTING_NOT_PUBLISHED,
                    "Listing " + listingId + " is " + status.slug() + ", not published.");
        }
        apply(new ListingUnpublished(listingId, sellerId));
    }

    /**
     * Checkout holds the listing for one order. Concurrent checkouts of a one-of-a-kind item race on this aggregate's
     * next sequence number in the event store: exactly one reservation is stored, the others retry, find the listing
     * reserved and are refused.
     */
    @CommandHandler
    ReservedListing handle(ReserveListing command) {
        boolean alreadyHeld =
                status == ListingStatus.RESERVED && command.orderId().equals(reservedFor);
        if (!alreadyHeld) {
            if (!status.isForSale() || sellerId.equals(command.buyerId())) {
                throw notAvailable();
            }
            apply(new ListingReserved(listingId, sellerId, command.orderId()));
        }
        return new ReservedListing(listingId, sellerId, details.title(), details.price(), details.shippingPrice());
    }

    @CommandHandler
    void handle(ReleaseListingReservation command) {
        if (status == ListingStatus.RESERVED && command.orderId().equals(reservedFor)) {
            apply(new ListingReservationReleased(listingId, sellerId, command.orderId()));
        }
    }

    /**
     * Sent by the payment flow once an order is paid, never by a user. A reservation must be the paying order's; a
     * listing whose reservation lapsed but is still for sale goes to the order that paid.
     */
    @CommandHandler
    void handle(MarkListingSold command) {
        switch (status) {
            case SOLD -> {
                // Sold to this very order before (the paid event is delivered at least once): nothing to do. Sold to
                // another order, it is the refusal that makes the payment policy refund this one.
                if (!command.orderId().equals(soldTo)) {
                    throw new DomainException(
                            ErrorCode.LISTING_ALREADY_SOLD, "Listing " + listingId + " is already sold.");
                }
            }
            case DRAFT, UNPUBLISHED ->
                throw new DomainException(
                        ErrorCode.LISTING_NOT_PUBLISHED,
                        "Listing " + listingId + " is " + status.slug() + ", not for sale.");
            case RESERVED -> {
                if (!command.orderId().equals(reservedFor)) {
                    throw notAvailable();
                }
                apply(new ListingSold(listingId, sellerId, command.orderId()));
            }
            case PUBLISHED -> apply(new ListingSold(listingId, sellerId, command.orderId()));
        }
    }

    private DomainException notAvailable() {
        return new DomainException(ErrorCode.LISTING_NOT_AVAILABLE, "Listing " + listingId + " is not available.");
    }

    /** Someone else's listing answers as if it did not exist, so ids cannot be probed. */
    private void requireSeller(String actingUserId) {
        if (!sellerId.equals(actingUserId)) {
            throw new DomainException(ErrorCode.LISTING_NOT_FOUND, "Listing " + listingId + " does not exist.");
        }
    }

    @EventSourcingHandler
    void on(ListingDraftCreated event) {
        listingId = event.listingId();
        sellerId = event.sellerId();
        status = ListingStatus.DRAFT;
        details = event.details();
    }

    @EventSourcingHandler
    void on(ListingEdited event) {
        details = event.details();
    }

    @EventSourcingHandler
    void on(ListingPublished event) {
        status = event.statusAfter();
    }

    @EventSourcingHandler
    void on(ListingUnpublished event) {
        status = event.statusAfter();
    }

    @EventSourcingHandler
    void on(ListingReserved event) {
        status = event.statusAfter();
        reservedFor = event.orderId();
    }

    @EventSourcingHandler
    void on(ListingReservationReleased event) {
        status = event.statusAfter();
        reservedFor = null;
    }

    @EventSourcingHandler
    void on(ListingSold event) {
        status = event.statusAfter();
        reservedFor = null;
        soldTo = event.orderId();
    }
}
