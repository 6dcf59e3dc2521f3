package com.bazaar.command.order;

import com.bazaar.contracts.cart.RemoveBoughtItems;
import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.listing.MarkListingSold;
import com.bazaar.contracts.listing.ReleaseListingReservation;
import com.bazaar.contracts.order.OrderCancelled;
import com.bazaar.contracts.order.OrderPaid;
import com.bazaar.contracts.order.RefundUnfulfillableOrder;
import java.util.ArrayList;
import java.util.List;
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
        event.listingIds()
                .forEach(listingId -> commands.sendAndWait(new ReleaseListingReservation(listingId, event.orderId())));
    }

    /**
     * Sells the listings to the paying order. A listing that went to another order meanwhile (sold, or reserved for
     * it, or taken off sale) cannot be delivered: the whole order is refunded and the buyer told (docs/ORDERS.md,
     * "Paid, but an item had gone"). A repeated event finds its listings sold to this order already, which is no
     * refusal.
     */
    @EventHandler
    void on(OrderPaid event) {
        List<String> unavailable = new ArrayList<>();
        for (String listingId : event.listingIds()) {
            try {
                commands.sendAndWait(new MarkListingSold(listingId, event.orderId()));
            } catch (DomainException refused) {
                log.warn(
                        "Order {} was paid but listing {} could not be sold to it ({}); refunding the order",
                        event.orderId(),
                        listingId,
                        refused.code());
                unavailable.add(listingId);
            }
        }
        if (!unavailable.isEmpty()) {
            commands.sendAndWait(new RefundUnfulfillableOrder(event.orderId(), unavailable));
        }
        commands.sendAndWait(new RemoveBoughtItems(event.buyerId(), event.orderId(), event.listingIds()));
    }
}
