package com.bazaar.contracts.listing.upcasting;

import com.bazaar.contracts.listing.ListingDraftCreated;
import com.bazaar.contracts.upcasting.JsonRevisionUpcaster;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads revision 1 of {@link ListingDraftCreated} (flat title, description, price, category, condition) as revision
 * 2 ({@code details}). Revision-1 listings had no shipping price, which the API has always meant as free shipping
 * (zero in the price's currency), and no size, brand, colour or photos.
 */
public class ListingDraftCreatedV1ToV2 extends JsonRevisionUpcaster {

    public ListingDraftCreatedV1ToV2() {
        super(ListingDraftCreated.class, "1", "2");
    }

    @Override
    protected JsonNode upcast(JsonNode v1) {
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
