package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Colour;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.EditListing;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingReservationReleased;
import com.bazaar.contracts.listing.ListingReserved;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.PublishListing;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.listing.ReserveListing;
import com.bazaar.contracts.listing.UnpublishListing;
import com.bazaar.contracts.media.MediaStatus;
import com.bazaar.contracts.media.MediaSummary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every command path of the listing lifecycle, accepted and rejected, with uploads looked up in a map. */
class ListingTest {

    private static final String LISTING = "listing-1";
    private static final String SELLER = "seller-1";
    private static final MetaData AS_SELLER = MetaData.with(MetadataKeys.USER_ID, SELLER);
    private static final MetaData AS_SOMEONE_ELSE = MetaData.with(MetadataKeys.USER_ID, "someone-else");

    private final Map<String, MediaSummary> uploads = new HashMap<>();
    private final ListingDetails details = details(List.of("photo-1", "photo-2"), 2500);
    private final ListingDraftCreated draftCreated = new ListingDraftCreated(LISTING, SELLER, details);
    private final ListingPublished published = new ListingPublished(LISTING, SELLER);

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        uploads.put("photo-1", new MediaSummary("photo-1", SELLER, MediaStatus.READY));
        uploads.put("photo-2", new MediaSummary("photo-2", SELLER, MediaStatus.READY));
        uploads.put("photo-uploading", new MediaSummary("photo-uploading", SELLER, MediaStatus.PENDING));
        uploads.put("someone-elses", new MediaSummary("someone-elses", "someone-else", MediaStatus.READY));
        fixture = new AggregateTestFixture<>(Listing.class);
        fixture.registerInjectableResource(new PhotoRules(
                ids -> ids.stream().map(uploads::get).filter(Objects::nonNull).toList()));
    }

    private static ListingDetails details(List<String> photoIds, long price) {
        return new ListingDetails(
                "Blue denim jacket",
                "Worn twice",
                new Money(price, "EUR"),
                new Money(450, "EUR"),
                Category.CLOTHING,
                Condition.GOOD,
                "M",
                "Levi's",
                Colour.BLUE,
                photoIds);
    }

    // ------------------------------------------------------------------------------------------------ create

    @Test
    void creatingADraftRecordsEverythingTheSellerEntered() {
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, details), AS_SELLER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(draftCreated);
    }

    @Test
    void aDraftMayHoldPhotosStillUploadingAndNoPhotosAtAll() {
        ListingDetails uploading = details(List.of("photo-uploading"), 2500);
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, uploading), AS_SELLER)
                .expectEvents(new ListingDraftCreated(LISTING, SELLER, uploading));
        ListingDetails none = details(List.of(), 2500);
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, none), AS_SELLER)
                .expectEvents(new ListingDraftCreated(LISTING, SELLER, none));
    }

    @Test
    void someoneElsesUploadOrAnUnknownIdCannotBeAttached() {
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, details(List.of("photo-1", "someone-elses"), 2500)))
                .expectNoEvents()
                .expectException(invalidField("photoIds[1]"));
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, details(List.of("no-such-upload"), 2500)))
                .expectNoEvents()
                .expectException(invalidField("photoIds[0]"));
    }

    // ------------------------------------------------------------------------------------------------ publish

    @Test
    void theSellerPublishesTheirDraft() {
        fixture.given(draftCreated).when(new PublishListing(LISTING), AS_SELLER).expectEvents(published);
    }

    @Test
    void publishingWithoutPhotosOrWithAnUnfinishedUploadIsRejected() {
        fixture.given(new ListingDraftCreated(LISTING, SELLER, details(List.of(), 2500)))
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NEEDS_PHOTOS));
        fixture.given(new ListingDraftCreated(LISTING, SELLER, details(List.of("photo-1", "photo-uploading"), 2500)))
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PHOTO_NOT_UPLOADED));
    }

    @Test
    void publishingTwiceIsRejectedAsAConflict() {
        fixture.given(draftCreated, published)
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_ALREADY_PUBLISHED));
    }

    @Test
    void anUnpublishedListingCanBePublishedAgain() {
        fixture.given(draftCreated, published, new ListingUnpublished(LISTING, SELLER))
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectEvents(published);
    }

    @Test
    void aSoldListingCannotBePublishedAgain() {
        fixture.given(draftCreated, published, new ListingSold(LISTING, SELLER, "order-1"))
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_EDITABLE));
    }

    @Test
    void someoneElsePublishingIsToldTheListingDoesNotExist() {
        fixture.given(draftCreated)
                .when(new PublishListing(LISTING), AS_SOMEONE_ELSE)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_FOUND));
    }

    @Test
    void publishingWithoutAnActingUserIsRejected() {
        fixture.given(draftCreated)
                .when(new PublishListing(LISTING))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_FOUND));
    }

    @Test
    void publishingAListingThatNeverExistedFails() {
        fixture.givenNoPriorActivity()
                .when(new PublishListing("no-such-listing"), AS_SELLER)
                .expectNoEvents()
                .expectException(AggregateNotFoundException.class);
    }

    // ------------------------------------------------------------------------------------------------ edit

    @Test
    void theSellerEditsADraftOrAPublishedListing() {
        ListingDetails cheaper = details(List.of("photo-2"), 1900);
        fixture.given(draftCreated)
                .when(new EditListing(LISTING, cheaper), AS_SELLER)
                .expectEvents(new ListingEdited(LISTING, SELLER, cheaper));
        fixture.given(draftCreated, published)
                .when(new EditListing(LISTING, cheaper), AS_SELLER)
                .expectEvents(new ListingEdited(LISTING, SELLER, cheaper));
    }

    @Test
    void aPublishedListingCannotBeEditedToAnUnfinishedOrEmptyPhotoSet() {
        fixture.given(draftCreated, published)
                .when(new EditListing(LISTING, details(List.of("photo-uploading"), 2500)), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.PHOTO_NOT_UPLOADED));
        fixture.given(draftCreated, published)
                .when(new EditListing(LISTING, details(List.of(), 2500)), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NEEDS_PHOTOS));
    }

    @Test
    void editsAreForTheSellerOnlyAndNotAfterTheSale() {
        fixture.given(draftCreated)
                .when(new EditListing(LISTING, details), AS_SOMEONE_ELSE)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_FOUND));
        fixture.given(draftCreated, published, new ListingSold(LISTING, SELLER, "order-1"))
                .when(new EditListing(LISTING, details), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_EDITABLE));
        fixture.given(draftCreated)
                .when(new EditListing(LISTING, details(List.of("someone-elses"), 2500)), AS_SELLER)
                .expectNoEvents()
                .expectException(invalidField("photoIds[0]"));
    }

    // ------------------------------------------------------------------------------------------------ unpublish

    @Test
    void theSellerUnpublishesAPublishedListingOnly() {
        fixture.given(draftCreated, published)
                .when(new UnpublishListing(LISTING), AS_SELLER)
                .expectEvents(new ListingUnpublished(LISTING, SELLER));
        fixture.given(draftCreated)
                .when(new UnpublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_PUBLISHED));
        fixture.given(draftCreated, published)
                .when(new UnpublishListing(LISTING), AS_SOMEONE_ELSE)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_FOUND));
    }

    // ------------------------------------------------------------------------------------------------ sold

    @Test
    void aPublishedListingIsSoldOnceAndOnlyWhileForSale() {
        fixture.given(draftCreated, published)
                .when(new MarkListingSold(LISTING, "order-1"))
                .expectEvents(new ListingSold(LISTING, SELLER, "order-1"));
        fixture.given(draftCreated, published, new ListingSold(LISTING, SELLER, "order-1"))
                .when(new MarkListingSold(LISTING, "order-2"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_ALREADY_SOLD));
        // The paid event delivered again: sold to that order already, nothing to do and nothing to refund.
        fixture.given(draftCreated, published, new ListingSold(LISTING, SELLER, "order-1"))
                .when(new MarkListingSold(LISTING, "order-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(draftCreated)
                .when(new MarkListingSold(LISTING, "order-1"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_PUBLISHED));
        fixture.given(draftCreated, published, new ListingUnpublished(LISTING, SELLER))
                .when(new MarkListingSold(LISTING, "order-1"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_PUBLISHED));
    }

    // ------------------------------------------------------------------------------------------------ reservation

    @Test
    void checkoutReservesAPublishedListingForOneOrderOnly() {
        ListingReserved reserved = new ListingReserved(LISTING, SELLER, "order-1");
        fixture.given(draftCreated, published)
                .when(new ReserveListing(LISTING, "order-1", "buyer-1"))
                .expectEvents(reserved);
        fixture.given(draftCreated, published, reserved)
                .when(new ReserveListing(LISTING, "order-1", "buyer-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(draftCreated, published, reserved)
                .when(new ReserveListing(LISTING, "order-2", "buyer-2"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
    }

    @Test
    void draftsUnpublishedSoldAndOwnListingsCannotBeReserved() {
        fixture.given(draftCreated)
                .when(new ReserveListing(LISTING, "order-1", "buyer-1"))
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
        fixture.given(draftCreated, published, new ListingUnpublished(LISTING, SELLER))
                .when(new ReserveListing(LISTING, "order-1", "buyer-1"))
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
        fixture.given(draftCreated, published, new ListingSold(LISTING, SELLER, "order-0"))
                .when(new ReserveListing(LISTING, "order-1", "buyer-1"))
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
        fixture.given(draftCreated, published)
                .when(new ReserveListing(LISTING, "order-1", SELLER))
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
    }

    @Test
    void onlyTheHoldingOrderReleasesTheReservationAndTheListingIsForSaleAgain() {
        ListingReserved reserved = new ListingReserved(LISTING, SELLER, "order-1");
        fixture.given(draftCreated, published, reserved)
                .when(new ReleaseListingReservation(LISTING, "order-2"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(draftCreated, published, reserved)
                .when(new ReleaseListingReservation(LISTING, "order-1"))
                .expectEvents(new ListingReservationReleased(LISTING, SELLER, "order-1"));
        fixture.given(draftCreated, published, reserved, new ListingReservationReleased(LISTING, SELLER, "order-1"))
                .when(new ReserveListing(LISTING, "order-2", "buyer-2"))
                .expectEvents(new ListingReserved(LISTING, SELLER, "order-2"));
    }

    @Test
    void aReservedListingIsSoldOnlyToTheReservingOrderAndCannotBeEdited() {
        ListingReserved reserved = new ListingReserved(LISTING, SELLER, "order-1");
        fixture.given(draftCreated, published, reserved)
                .when(new MarkListingSold(LISTING, "order-2"))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
        fixture.given(draftCreated, published, reserved)
                .when(new MarkListingSold(LISTING, "order-1"))
                .expectEvents(new ListingSold(LISTING, SELLER, "order-1"));
        fixture.given(draftCreated, published, reserved)
                .when(new EditListing(LISTING, details), AS_SELLER)
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_EDITABLE));
        fixture.given(draftCreated, published, reserved)
                .when(new UnpublishListing(LISTING), AS_SELLER)
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_PUBLISHED));
    }

    private static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new CustomTypeSafeMatcher<>("a DomainException with code " + code) {
            @Override
            protected boolean matchesSafely(DomainException rejection) {
                return rejection.code() == code;
            }
        };
    }

    private static Matcher<InvalidInputException> invalidField(String field) {
        return new CustomTypeSafeMatcher<>("an InvalidInputException for " + field) {
            @Override
            protected boolean matchesSafely(InvalidInputException rejection) {
                return rejection.field().equals(field);
            }
        };
    }
}
