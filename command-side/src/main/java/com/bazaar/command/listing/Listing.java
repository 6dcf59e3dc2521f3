package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.PublishListing;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A seller's item for sale. Holds only the state its rules need; read models hold the rest. */
@Aggregate
class Listing {

    @AggregateIdentifier
    private String listingId;
    private String sellerId;
    private boolean published;

    /** For Axon, which rebuilds the aggregate from its events. */
    Listing() {
    }

    @CommandHandler
    Listing(CreateListingDraft command) {
        apply(new ListingDraftCreated(command.listingId(), command.sellerId(), command.title(),
                command.description(), command.price(), command.category(), command.condition()));
    }

    @CommandHandler
    void handle(PublishListing command, @MetaDataValue(MetadataKeys.USER_ID) String actingUserId) {
        requireSeller(actingUserId);
        if (published) {
            throw new DomainException(ErrorCode.LISTING_ALREADY_PUBLISHED,
                    "Listing " + listingId + " is already published.");
        }
        apply(new ListingPublished(listingId, sellerId));
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
    }

    @EventSourcingHandler
    void on(ListingPublished event) {
        published = true;
    }
}
