package com.bazaar.contracts.order;

import com.bazaar.contracts.common.Money;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A paid order cannot be delivered because {@code unavailableListingIds} were sold or reserved to another order; the
 * whole {@code refund} goes back to the buyer (an {@link OrderRefundRequested} follows). Revision 1.
 */
@Revision("1")
public record OrderCouldNotBeFulfilled(
        String orderId, String buyerId, List<String> unavailableListingIds, Money refund) {

    public OrderCouldNotBeFulfilled {
        unavailableListingIds = List.copyOf(unavailableListingIds);
    }
}
