package com.bazaar.command.cart;

import com.bazaar.contracts.cart.AddCartItem;
import com.bazaar.contracts.cart.CartCleared;
import com.bazaar.contracts.cart.CartItemAdded;
import com.bazaar.contracts.cart.CartItemQuantityChanged;
import com.bazaar.contracts.cart.CartItemRemoved;
import com.bazaar.contracts.cart.ChangeCartItemQuantity;
import com.bazaar.contracts.cart.ClearCart;
import com.bazaar.contracts.cart.RemoveCartItem;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.InvalidInputException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The cart's rules, with listings for sale looked up in a map. */
class CartTest {

    private static final String SHOPPER = "shopper-1";
    private final Map<String, CartListings.ForSale> forSale = new HashMap<>();
    private AggregateTestFixture<Cart> fixture;

    @BeforeEach
    void setUp() {
        forSale.put("jacket", new CartListings.ForSale("seller-1", 1));
        forSale.put("plates", new CartListings.ForSale("seller-2", 6));
        forSale.put("my-own", new CartListings.ForSale(SHOPPER, 1));
        fixture = new AggregateTestFixture<>(Cart.class);
        fixture.registerInjectableResource(
                (CartListings) (listingId, shopperId) -> Optional.ofNullable(forSale.get(listingId)));
    }

    @Test
    void theFirstItemCreatesTheCartAndAnswersItsVersion() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(SHOPPER, null, "req-1", "jacket", 1))
                .expectEvents(new CartItemAdded(SHOPPER, "req-1", "jacket", 1))
                .expectResultMessagePayload(0L);
    }

    @Test
    void aRetriedRequestIsAppliedOnce() {
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "jacket", 1))
                .when(new AddCartItem(SHOPPER, null, "req-1", "jacket", 1))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(0L);
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2), new CartItemRemoved(SHOPPER, "req-2", "plates"))
                .when(new RemoveCartItem(SHOPPER, null, "req-2", "plates"))
                .expectNoEvents();
        // The retry of an add after a later removal must not bring the line back.
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2), new CartItemRemoved(SHOPPER, "req-2", "plates"))
                .when(new AddCartItem(SHOPPER, null, "req-1", "plates", 2))
                .expectNoEvents()
                .expectResultMessagePayload(1L);
    }

    @Test
    void addingALineAgainSetsItsQuantity() {
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2))
                .when(new AddCartItem(SHOPPER, null, "req-2", "plates", 4))
                .expectEvents(new CartItemQuantityChanged(SHOPPER, "req-2", "plates", 4))
                .expectResultMessagePayload(1L);
    }

    @Test
    void quantitiesAreBoundedByStockAndPositive() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(SHOPPER, null, "req-1", "jacket", 2))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.QUANTITY_EXCEEDS_STOCK));
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2))
                .when(new ChangeCartItemQuantity(SHOPPER, null, "req-2", "plates", 7))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.QUANTITY_EXCEEDS_STOCK));
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2))
                .when(new ChangeCartItemQuantity(SHOPPER, null, "req-2", "plates", 0))
                .expectNoEvents()
                .expectException(InvalidInputException.class);
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "plates", 2))
                .when(new ChangeCartItemQuantity(SHOPPER, null, "req-2", "plates", 6))
                .expectEvents(new CartItemQuantityChanged(SHOPPER, "req-2", "plates", 6));
    }

    @Test
    void aShopperCannotAddTheirOwnListingOrOneNotForSale() {
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(SHOPPER, null, "req-1", "my-own", 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.OWN_LISTING));
        fixture.givenNoPriorActivity()
                .when(new AddCartItem(SHOPPER, null, "req-1", "sold-yesterday", 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.LISTING_NOT_AVAILABLE));
    }

    @Test
    void changingALineThatIsNotThereIsNotFoundRemovingItIsANoOp() {
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "jacket", 1))
                .when(new ChangeCartItemQuantity(SHOPPER, null, "req-2", "plates", 1))
                .expectNoEvents()
                .expectException(rejectedWith(ErrorCode.CART_ITEM_NOT_FOUND));
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "jacket", 1))
                .when(new RemoveCartItem(SHOPPER, null, "req-2", "plates"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void removeAndClear() {
        fixture.given(
                        new CartItemAdded(SHOPPER, "req-1", "jacket", 1),
                        new CartItemAdded(SHOPPER, "req-2", "plates", 2))
                .when(new RemoveCartItem(SHOPPER, null, "req-3", "jacket"))
                .expectEvents(new CartItemRemoved(SHOPPER, "req-3", "jacket"))
                .expectResultMessagePayload(2L);
        fixture.given(new CartItemAdded(SHOPPER, "req-1", "jacket", 1))
                .when(new ClearCart(SHOPPER, null, "req-2"))
                .expectEvents(new CartCleared(SHOPPER, "req-2"));
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        fixture.given(
                        new CartItemAdded(SHOPPER, "req-1", "jacket", 1),
                        new CartItemAdded(SHOPPER, "req-2", "plates", 2))
                .when(new RemoveCartItem(SHOPPER, 0L, "req-3", "jacket"))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
        fixture.given(
                        new CartItemAdded(SHOPPER, "req-1", "jacket", 1),
                        new CartItemAdded(SHOPPER, "req-2", "plates", 2))
                .when(new RemoveCartItem(SHOPPER, 1L, "req-3", "jacket"))
                .expectEvents(new CartItemRemoved(SHOPPER, "req-3", "jacket"));
        // Adding goes through create-if-missing, where the cart checks the version itself.
        fixture.given(
                        new CartItemAdded(SHOPPER, "req-1", "jacket", 1),
                        new CartItemAdded(SHOPPER, "req-2", "plates", 2))
                .when(new AddCartItem(SHOPPER, 0L, "req-3", "plates", 3))
                .expectNoEvents()
                .expectException(ConflictingAggregateVersionException.class);
        fixture.given(
                        new CartItemAdded(SHOPPER, "req-1", "jacket", 1),
                        new CartItemAdded(SHOPPER, "req-2", "plates", 2))
                .when(new AddCartItem(SHOPPER, 1L, "req-3", "plates", 3))
                .expectEvents(new CartItemQuantityChanged(SHOPPER, "req-3", "plates", 3));
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
