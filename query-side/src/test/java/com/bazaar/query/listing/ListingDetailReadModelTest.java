package com.bazaar.query.listing;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.Category;
import com.bazaar.contracts.listing.Colour;
import com.bazaar.contracts.listing.Condition;
import com.bazaar.contracts.listing.FindListing;
import com.bazaar.contracts.listing.ListingDetails;
import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.listing.ListingEdited;
import com.bazaar.contracts.listing.ListingPublished;
import com.bazaar.contracts.listing.ListingSold;
import com.bazaar.contracts.listing.ListingStatus;
import com.bazaar.contracts.listing.ListingUnpublished;
import com.bazaar.contracts.listing.ListingView;
import com.bazaar.contracts.seller.FindSellerLabels;
import com.bazaar.contracts.seller.SellerLabel;
import com.bazaar.query.TestMongo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The listing detail through its lifecycle, against a Mongo wire-protocol server. */
class ListingDetailReadModelTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final ListingDetails FIRST = new ListingDetails(
            "Lamp",
            "Brass",
            new Money(2500, "EUR"),
            new Money(490, "EUR"),
            Category.HOME,
            Condition.GOOD,
            null,
            "Ikea",
            Colour.GOLD,
            List.of("p1", "p2"));
    private static final ListingDetails EDITED = new ListingDetails(
            "Brass lamp",
            "Brass, rewired",
            new Money(2000, "EUR"),
            new Money(0, "EUR"),
            Category.HOME,
            Condition.LIKE_NEW,
            "L",
            "IKEA",
            Colour.GOLD,
            List.of("p3", "p1"));

    private final TestMongo server = new TestMongo();
    private final MongoTemplate mongo = server.database(ListingDetailReadModel.listingDetailRebuildableReadModel());
    private final ListingDetailProjection projection = new ListingDetailProjection(mongo);
    private final ListingQueryHandler handler;

    ListingDetailReadModelTest() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        bus.subscribe(
                FindSellerLabels.class.getName(),
                ResolvableType.forClassWithGenerics(List.class, SellerLabel.class)
                        .getType(),
                message -> List.of(new SellerLabel("ann", "Ann", 3L, T0)));
        handler = new ListingQueryHandler(
                mongo, DefaultQueryGateway.builder().queryBus(bus).build());
    }

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aDraftIsTheSellersOnlyThenEveryStatusAnswersWithAllDetails() {
        projection.on(new ListingDraftCreated("l1", "ann", FIRST), 0, T0);
        assertThat(handler.handle(new FindListing("l1", "bob"))).isEmpty();
        assertThat(handler.handle(new FindListing("l1", "ann")))
                .map(ListingView::status)
                .contains(ListingStatus.DRAFT);

        projection.on(new ListingPublished("l1", "ann"), 1, T0.plusSeconds(5));
        projection.on(new ListingEdited("l1", "ann", EDITED), 2);
        ListingView view = handler.handle(new FindListing("l1", null)).orElseThrow();
        assertThat(view.status()).isEqualTo(ListingStatus.PUBLISHED);
        assertThat(view.title()).isEqualTo("Brass lamp");
        assertThat(view.price()).isEqualTo(new Money(2000, "EUR"));
        assertThat(view.shippingPrice()).isEqualTo(new Money(0, "EUR"));
        assertThat(view.condition()).isEqualTo(Condition.LIKE_NEW);
        assertThat(view.size()).isEqualTo("L");
        assertThat(view.brand()).isEqualTo("IKEA");
        assertThat(view.colour()).isEqualTo(Colour.GOLD);
        assertThat(view.photoIds()).containsExactly("p3", "p1");
        assertThat(view.seller()).isEqualTo(new SellerLabel("ann", "Ann", 3L, T0));
        assertThat(view.createdAt()).isEqualTo(T0);
        assertThat(view.publishedAt()).isEqualTo(T0.plusSeconds(5));

        projection.on(new ListingUnpublished("l1", "ann"), 3);
        assertThat(status("l1")).contains(ListingStatus.UNPUBLISHED);
        projection.on(new ListingPublished("l1", "ann"), 4, T0.plusSeconds(9));
        projection.on(new ListingSold("l1", "ann", "o1"), 5);
        // Redelivered older events change nothing.
        projection.on(new ListingPublished("l1", "ann"), 4, T0.plusSeconds(9));
        projection.on(new ListingEdited("l1", "ann", FIRST), 2);
        assertThat(status("l1")).contains(ListingStatus.SOLD);
        assertThat(handler.handle(new FindListing("l1", "bob")).orElseThrow().title())
                .isEqualTo("Brass lamp");
    }

    private Optional<ListingStatus> status(String listingId) {
        return handler.handle(new FindListing(listingId, "someone")).map(ListingView::status);
    }
}
