package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.EditListing;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.PublishListing;
import com.bazaar.contracts.listing.UnpublishListing;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A seller's item for sale: draft → published ⇄ unpublished → (reserved by an order, issue 5) → sold. Holds only
 * the state its rules need; read models hold the rest.
 */
@Aggregate
class Listing {

    @AggregateIdentifier
    private String listingId;
    private String sellerId;
    private ListingStatus status;
    private List<String> photoIds;

    /** For Axon, which rebuilds the aggregate from its events. */
    Listing() {
    }

    @CommandHandler
    Listing(CreateListingDraft command, PhotoRules photos) {
        photos.requireAttachable(command.sellerId(), command.details().photoIds());
        apply(new ListingDraftCreated(command.listingId(), command.sellerId(), command.details()));
    }

    @CommandHandler
    void handle(EditListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId, PhotoRules photos) {
        requireSeller(actingUserId);
        if (status == ListingStatus.RESERVED || status == ListingStatus.SOLD) {
            throw new DomainException(ErrorCode.LISTING_NOT_EDITABLE,
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
    void handle(PublishListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId,
                PhotoRules photos) {
        requireSeller(actingUserId);
        switch (status) {
            case PUBLISHED -> throw new DomainException(ErrorCode.LISTING_ALREADY_PUBLISHED,
                    "Listing " + listingId + " is already published.");
            case RESERVED, SOLD -> throw new DomainException(ErrorCode.LISTING_NOT_EDITABLE,
                    "Listing " + listingId + " is " + status.slug() + ".");
            case DRAFT, UNPUBLISHED -> {
                photos.requirePublishable(listingId, photoIds);
                apply(new ListingPublished(listingId, sellerId));
            }
        }
    }

    @CommandHandler
    void handle(UnpublishListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        requireSeller(actingUserId);
        if (status != ListingStatus.PUBLISHED) {
            throw new DomainException(ErrorCode.LISTING_NOT_PUBLISHED,
                    "Listing " + listingId + " is " + status.slug() + ", not published.");
        }
        apply(new ListingUnpublished(listingId, sellerId));
    }

    /** Sent by the payment flow once an order for this listing is paid, never by a user. */
    @CommandHandler
    void handle(MarkListingSold command) {
        switch (status) {
            case SOLD -> throw new DomainException(ErrorCode.LISTING_ALREADY_SOLD,
                    "Listing " + listingId + " is already sold.");
            case DRAFT, UNPUBLISHED -> throw new DomainException(ErrorCode.LISTING_NOT_PUBLISHED,
                    "Listing " + listingId + " is " + status.slug() + ", not for sale.");
            case PUBLISHED, RESERVED -> apply(new ListingSold(listingId, sellerId, command.orderId()));
        }
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
        photoIds = event.details().photoIds();
    }

    @EventSourcingHandler
    void on(ListingEdited event) {
        photoIds = event.details().photoIds();
    }

    @EventSourcingHandler
    void on(ListingPublished event) {
        status = ListingStatus.PUBLISHED;
    }

    @EventSourcingHandler
    void on(ListingUnpublished event) {
        status = ListingStatus.UNPUBLISHED;
    }

    @EventSourcingHandler
    void on(ListingSold event) {
        status = ListingStatus.SOLD;
    }
}
