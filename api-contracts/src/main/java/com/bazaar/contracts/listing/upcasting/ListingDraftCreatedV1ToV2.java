package com.bazaar.contracts.listing.upcasting;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads revision 1 of {@link ListingDraftCreated} (flat title, description, price, category, condition) as revision
 * 2 ({@code details}). Revision-1 listings had no shipping price, which the API has always meant as free shipping
 * (zero in the price's currency), and no size, brand, colour or photos.
 */
public class ListingDraftCreatedV1ToV2 extends SingleEventUpcaster {

    private static final SimpleSerializedType V1 = new SimpleSerializedType(ListingDraftCreated.class.getName(), "1");
    private static final SimpleSerializedType V2 = new SimpleSerializedType(ListingDraftCreated.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(V1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(V2, JsonNode.class, ListingDraftCreatedV1ToV2::toV2);
    }

    static JsonNode toV2(JsonNode v1) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode details = json.objectNode();
        details.set("title", v1.get("title"));
        details.set("description", v1.get("description"));
        details.set("price", v1.get("price"));
        ObjectNode shipping = json.objectNode();
        shipping.put("amount", 0L);
        shipping.set("currency", v1.path("price").get("currency"));
        details.set("shippingPrice", shipping);
        details.set("category", v1.get("category"));
        details.set("condition", v1.get("condition"));
        details.putNull("size");
        details.putNull("brand");
        details.putNull("colour");
        details.set("photoIds", json.arrayNode());
        ObjectNode v2 = json.objectNode();
        v2.set("listingId", v1.get("listingId"));
        v2.set("sellerId", v1.get("sellerId"));
        v2.set("details", details);
        return v2;
    }
}
