package com.bazaar.contracts.order.upcasting;

import com.bazaar.contracts.order.OrderDelivered;
import com.bazaar.contracts.order.OrderParty;
import com.bazaar.contracts.upcasting.JsonRevisionUpcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads revision 1 of {@link OrderDelivered} (the order id alone) as revision 2 with {@code confirmedBy}: before
 * revision 2 only the seller could mark an order delivered, so every revision-1 delivery was the seller's.
 */
public class OrderDeliveredV1ToV2 extends JsonRevisionUpcaster {

    public OrderDeliveredV1ToV2() {
        super(OrderDelivered.class, "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode v1) {
        ObjectNode v2 = v1.deepCopy();
        v2.put("confirmedBy", OrderParty.SELLER.name());
        return v2;
    }
}
