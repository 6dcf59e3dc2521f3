package com.bazaar.command.listing;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.MetadataKeys;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.CreateListingDraft;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.PublishListing;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;


class ListingTest {

    private static final String LISTING = "listing-1";
    private static final String SELLER = "seller-1";
    private static final MetaData AS_SELLER = MetaData.with(MetadataKeys.USER_ID, SELLER);

    private final ListingDraftCreated draftCreated = new ListingDraftCreated(LISTING, SELLER, "Blue denim jacket",
            "Worn twice", new Money(2500, "EUR"), Category.CLOTHING, Condition.GOOD);

    private AggregateTestFixture<Listing> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Listing.class);
    }

    @Test
    void creatingADraftRecordsEverythingTheSellerEntered() {
        fixture.givenNoPriorActivity()
                .when(new CreateListingDraft(LISTING, SELLER, "Blue denim jacket", "Worn twice",
                        new Money(2500, "EUR"), Category.CLOTHING, Condition.GOOD), AS_SELLER)
                .expectSuccessfulHandlerExecution()
                .expectEvents(draftCreated);
    }

    @Test
    void theSellerPublishesTheirDraft() {
        fixture.given(draftCreated)
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectEvents(new ListingPublished(LISTING, SELLER));
    }

    @Test
    void publishingTwiceIsRejectedAsAConflict() {
        fixture.given(draftCreated, new ListingPublished(LISTING, SELLER))
                .when(new PublishListing(LISTING), AS_SELLER)
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_ALREADY_PUBLISHED));
    }

    @Test
    void someoneElsePublishingIsToldTheListingDoesNotExist() {
        fixture.given(draftCreated)
                .when(new PublishListing(LISTING), MetaData.with(MetadataKeys.USER_ID, "someone-else"))
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

    private static Matcher<DomainException> rejectedWith(ErrorCode code) {
        return new CustomTypeSafeMatcher<>("a DomainException with code " + code) {
            @Override
            protected boolean matchesSafely(DomainException rejection) {
                return rejection.code() == code;
            }
        };
    }
}
