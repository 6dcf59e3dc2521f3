package com.bazaar.query.seller;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.identity.AccountRegistered;
import com.bazaar.contracts.identity.DisplayNameChanged;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import com.bazaar.query.TestMongo;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

/** Seller labels from identity and listing events, against a Mongo wire-protocol server. */
class SellerReadModelTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ListingDetails DETAILS = new ListingDetails(
            "Lamp",
            "",
            new Money(100, "EUR"),
            new Money(0, "EUR"),
            Category.HOME,
            Condition.GOOD,
            null,
            null,
            null,
            List.of("p"));

    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.database(SellerReadModel.sellerRebuildableReadModel());
    private final SellerProjection projection = new SellerProjection(mongo);
    private final SellerQueryHandler handler = new SellerQueryHandler(mongo);

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void labelsCarryTheLatestNameTheRegistrationTimeAndThePublishedListingCount() {
        projection.on(new AccountRegistered("ann", "Ann"), T0);
        projection.on(new DisplayNameChanged("ann", "Ann B."), T0.plusSeconds(60));
        publish("l1", "ann");
        publish("l2", "ann");
        publish("l3", "ann");
        projection.on(new ListingSold("l2", "ann", "o"), 2);
        projection.on(new ListingUnpublished("l3", "ann"), 2);
        projection.on(new ListingDraftCreated("draft", "ann", DETAILS), 0);

        assertThat(handler.handle(new FindSellerLabels(List.of("ann", "nobody"), true)))
                .containsExactly(new SellerLabel("ann", "Ann B.", 1L, T0), new SellerLabel("nobody", null, 0L, null));
        assertThat(handler.handle(new FindSellerLabels(List.of("ann"), false)))
                .containsExactly(new SellerLabel("ann", "Ann B.", null, T0));
    }

    @Test
    void aResetForgetsEverything() {
        projection.on(new AccountRegistered("ann", "Ann"), T0);
        publish("l1", "ann");
        projection.reset();
        assertThat(handler.handle(new FindSellerLabels(List.of("ann"), true)))
                .containsExactly(new SellerLabel("ann", null, 0L, null));
    }

    @Test
    void aRenameProjectedBeforeTheRegistrationOrRedeliveredStillEndsWithTheNewestName() {
        projection.on(new DisplayNameChanged("bob", "Robert"), T0.plusSeconds(60));
        projection.on(new AccountRegistered("bob", "Bob"), T0);
        projection.on(new DisplayNameChanged("bob", "Robert"), T0.plusSeconds(60));
        publish("l1", "bob");
        projection.on(new ListingPublished("l1", "bob"), 1);

        assertThat(handler.handle(new FindSellerLabels(List.of("bob"), true)))
                .containsExactly(new SellerLabel("bob", "Robert", 1L, T0));
    }

    private void publish(String listingId, String sellerId) {
        projection.on(new ListingDraftCreated(listingId, sellerId, DETAILS), 0);
        projection.on(new ListingPublished(listingId, sellerId), 1);
    }
}
