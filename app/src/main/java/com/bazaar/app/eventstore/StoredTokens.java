package com.bazaar.app.eventstore;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;

/** Reads a token as both token stores keep it: the serialized bytes and their type name. */
final class StoredTokens {

    private StoredTokens() {}

    static TrackingToken deserialize(Serializer serializer, byte[] token, String tokenType) {
        if (token == null || tokenType == null) {
            return null;
        }
        return serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, tokenType, null));
    }
}
