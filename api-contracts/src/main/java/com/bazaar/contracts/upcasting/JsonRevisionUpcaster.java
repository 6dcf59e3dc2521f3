package com.bazaar.contracts.upcasting;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;

/**
 * Reads one revision of an event's JSON payload as the next: the shape every upcaster of the contracts shares, so
 * that each one states only the event, the two revisions and how the JSON changes (docs/EVENT-STORE.md).
 */
public abstract class JsonRevisionUpcaster extends SingleEventUpcaster {

    private final SimpleSerializedType from;
    private final SimpleSerializedType to;

    protected JsonRevisionUpcaster(Class<?> event, String fromRevision, String toRevision) {
        this.from = new SimpleSerializedType(event.getName(), fromRevision);
        this.to = new SimpleSerializedType(event.getName(), toRevision);
    }

    /** The payload of the newer revision, built from the older one (which must not be changed). */
    protected abstract JsonNode upcast(JsonNode older);

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return representation.getType().equals(from);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(to, JsonNode.class, this::upcast);
    }
}
