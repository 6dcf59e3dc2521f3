package com.bazaar.command.order;

import static org.assertj.core.api.Assertions.assertThat;

import com.bazaar.contracts.cart.RemoveBoughtItems;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.common.Money;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.order.CancellationReason;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.OrderTotals;
import com.bazaar.contracts.order.RefundUnfulfillableOrder;
import java.util.List;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.test.utils.RecordingCommandBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the end of an order sends to its listings and the buyer's cart, through a command bus that records what it
 * is given and refuses what a listing would refuse.
 */
class OrderListingsPolicyTest {

    private final RecordingCommandBus commandBus = new RecordingCommandBus();
    private OrderListingsPolicy policy;

    @BeforeEach
    void setUp() {
        policy = new OrderListingsPolicy(
                DefaultCommandGateway.builder().commandBus(commandBus).build());
    }

    @Test
    void aCancelledOrderReleasesEachOfItsListings() {
        policy.on(new OrderCancelled("order-1", CancellationReason.EXPIRED, List.of("listing-1", "listing-2")));

        assertThat(sent())
                .containsExactly(
                        new ReleaseListingReservation("listing-1", "order-1"),
                        new ReleaseListingReservation("listing-2", "order-1"));
    }

    @Test
    void aPaidOrderSellsItsListingsAndTakesThemOutOfTheBuyersCart() {
        policy.on(paid("listing-1", "listing-2"));

        assertThat(sent())
                .containsExactly(
                        new MarkListingSold("listing-1", "order-1"),
                        new MarkListingSold("listing-2", "order-1"),
                        new RemoveBoughtItems("buyer-1", "order-1", List.of("listing-1", "listing-2")));
    }

    @Test
    void aListingThatWentElsewhereIsRefundedAndTheRestIsStillSold() {
        commandBus.setCallbackBehavior((command, metaData) -> {
            if (command instanceof MarkListingSold sold && sold.listingId().equals("listing-2")) {
                throw new DomainException(ErrorCode.LISTING_ALREADY_SOLD, "sold to order-0");
            }
            return null;
        });

        policy.on(paid("listing-1", "listing-2", "listing-3"));

        assertThat(sent())
                .containsExactly(
                        new MarkListingSold("listing-1", "order-1"),
                        new MarkListingSold("listing-2", "order-1"),
                        new MarkListingSold("listing-3", "order-1"),
                        new RefundUnfulfillableOrder("order-1", List.of("listing-2")),
                        new RemoveBoughtItems("buyer-1", "order-1", List.of("listing-1", "listing-2", "listing-3")));
    }

    private static OrderPaid paid(String... listingIds) {
        Money total = new Money(2000, "EUR");
        return new OrderPaid(
                "order-1",
                "buyer-1",
                "seller-1",
                List.of(listingIds),
                "pi_1",
                new OrderTotals(total, new Money(0, "EUR"), total));
    }

    private List<Object> sent() {
        return commandBus.getDispatchedCommands().stream()
                .map(CommandMessage::getPayload)
                .map(Object.class::cast)
                .toList();
    }
}
