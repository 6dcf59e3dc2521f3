package com.bazaar.operations.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The personal fields SUPPORT sees masked in audit payloads and aggregate states, by field name at any depth: who a
 * person is (names, e-mail, phone, client IP), where they live (the whole shipping address and its lines) and what
 * they wrote in chat (every text of a message). Ids stay visible: they are what support follows from entry to entry.
 * docs/OPERATIONS.md ("Find who changed X") is the list people read; keep the two in step.
 */
final class PersonalData {

    private PersonalData() {}

    static final String MASK = "***";

    static final Set<String> FIELDS = Set.of(
            "name",
            "displayName",
            "email",
            "phone",
            "phoneNumber",
            "clientIp",
            "shippingAddress",
            "line1",
            "line2",
            "city",
            "postalCode",
            "text",
            "redactedText",
            "deliveredText",
            "editedText",
            "originalText");

    /** A copy of {@code node} with every value under a personal field name replaced by {@link #MASK}. */
    static JsonNode mask(JsonNode node) {
        if (node == null) {
            return null;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    private static void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (FIELDS.contains(field.getKey()) && !field.getValue().isNull()) {
                    field.setValue(TextNode.valueOf(MASK));
                } else {
                    maskInPlace(field.getValue());
                }
            }
        } else if (node != null && node.isArray()) {
            node.forEach(PersonalData::maskInPlace);
        }
    }
}
