package com.bazaar.platform.consistency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * The {@code Bazaar-Consistency} header value: {@code base64url(json) "." base64url(HMAC-SHA256)}. The JSON lists the
 * written sequences with their payload types and tracking token (Axon's serializer). The signature keeps clients from
 * naming positions that never come (a read would wait its full bound for each) and from feeding arbitrary types to
 * the deserializer; every node of a cluster must share the secret.
 */
@Component
class ConsistencyTokenCodec {

    /** Longer values are refused unread; a write that stores more sequences than this names only the store's head. */
    static final int MAX_LENGTH = 4096;
    private static final String HMAC = "HmacSHA256";
    /** The only types a token may name: what the stores' tracking tokens are, never anything else for Jackson. */
    private static final Set<String> TOKEN_TYPES = Set.of(
            "org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken",
            "org.axonframework.eventhandling.GapAwareTrackingToken",
            "org.axonframework.eventhandling.GlobalSequenceTrackingToken");

    private final Serializer serializer;
    private final ObjectMapper json;
    private final SecretKeySpec key;

    ConsistencyTokenCodec(Serializer serializer, ObjectMapper json,
                          @Value("${bazaar.consistency.secret:${bazaar.feed.cursor-secret:bazaar-feed-cursor}}") String secret) {
        this.serializer = serializer;
        this.json = json;
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC);
    }

    /** The wire form of one entry: sequence id, payload types, token type, serialized token, newest timestamp. */
    record Entry(String s, Set<String> t, String k, String d, long a) {
    }

    String encode(List<WrittenEvent> written) {
        List<Entry> entries = written.stream().map(w -> {
            SerializedObject<String> token = serializer.serialize(w.token(), String.class);
            return new Entry(w.sequenceId(), w.payloadTypes(), token.getType().getName(), token.getData(),
                    w.writtenAt());
        }).toList();
        try {
            byte[] payload = json.writeValueAsBytes(entries);
            return base64(payload) + "." + base64(sign(payload));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A consistency token could not be written", e);
        }
    }

    List<WrittenEvent> decode(String header) {
        if (header.length() > MAX_LENGTH) {
            throw new MalformedConsistencyToken();
        }
        String[] parts = header.split("\\.", -1);
        if (parts.length != 2) {
            throw new MalformedConsistencyToken();
        }
        try {
            byte[] payload = Base64.getUrlDecoder().decode(parts[0]);
            byte[] signature = Base64.getUrlDecoder().decode(parts[1]);
            if (!MessageDigest.isEqual(signature, sign(payload))) {
                throw new MalformedConsistencyToken();
            }
            Entry[] entries = json.readValue(payload, Entry[].class);
            if (java.util.Arrays.stream(entries).anyMatch(entry -> !TOKEN_TYPES.contains(entry.k()))) {
                throw new MalformedConsistencyToken();
            }
            return java.util.Arrays.stream(entries).map(entry -> new WrittenEvent(entry.s(), entry.t(),
                    serializer.<String, TrackingToken>deserialize(
                            new SimpleSerializedObject<>(entry.d(), String.class, entry.k(), null)), entry.a())).toList();
        } catch (MalformedConsistencyToken e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            throw new MalformedConsistencyToken();
        }
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The header is not one this cluster issued (garbage, truncated, or signed with another secret). */
    static final class MalformedConsistencyToken extends RuntimeException {
        MalformedConsistencyToken() {
            super("The Bazaar-Consistency header is not a token this service issued.", null, false, false);
        }
    }
}
