package com.bazaar.contracts.order;

import org.axonframework.serialization.Revision;

/**
 * The parcel arrived, as {@code confirmedBy} said: the buyer confirming receipt or the seller (e.g. from the carrier's
 * delivery scan). Revision 2 added {@code confirmedBy}; revision 1 is upcast on read with {@code SELLER}, the only party
 * that could mark an order delivered then.
 */
@Revision("2")
public record OrderDelivered(String orderId, OrderParty confirmedBy) {}
