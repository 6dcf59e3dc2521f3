package com.bazaar.command.order;

import com.bazaar.contracts.cart.RemoveBoughtItems;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What an order's end means for its listings and the buyer's cart: a cancelled order gives its listings back to the
 * feed; a paid one sells them and takes them out of the cart. Every command here is idempotent, because events are
 * delivered at least once. Never replayed: replaying would re-send commands for history.
 */
@Component
@ProcessingGroup(OrderListingsPolicy.PROCESSING_GROUP)
@DisallowReplay
class OrderListingsPolicy {

    static final String PROCESSING_GROUP = "order-listings";
    private static final Logger log = LoggerFactory.getLogger(OrderListingsPolicy.class);

    private final CommandGateway commands;

    OrderListingsPolicy(CommandGateway commands) {
        this.commands = commands;
    }

    @EventHandler
    void on(OrderCancelled event) {
        event.listingIds().forEach(listingId ->
                commands.sendAndWait(new ReleaseListingReservation(listingId, event.orderId())));
    }

    @EventHandler
    void on(OrderPaid event) {
        for (String listingId : event.listingIds()) {
            try {
                commands.sendAndWait(new MarkListingSold(listingId, event.orderId()));
            } catch (DomainException refused) {
                if (refused.code() != ErrorCode.LISTING_ALREADY_SOLD) {
                    // Paid after the reservation lapsed and someone else bought it: the payment saga refunds.
                    log.warn("Order {} was paid but listing {} could not be sold to it: {}", event.orderId(),
                            listingId, refused.getMessage());
                }
            }
        }
        commands.sendAndWait(new RemoveBoughtItems(event.buyerId(), event.orderId(), event.listingIds()));
    }
}
