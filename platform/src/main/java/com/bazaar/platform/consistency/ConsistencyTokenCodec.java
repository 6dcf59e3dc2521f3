package com.bazaar.platform.consistency;

import com.bazaar.platform.signing.HmacJws;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.Payload;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The {@code Bazaar-Consistency} header value: a compact JWS (HS256, {@link HmacJws}, the idiom of the paging cursors)
 * whose payload is JSON listing the written sequences with their payload types and tracking token (Axon's
 * serializer). The signature keeps clients from naming positions that never come (a read would wait its full bound
 * for each) and from feeding arbitrary types to the deserializer; every node of a cluster must share the secret.
 * Clients treat the value as opaque. A token of the earlier two-part form ({@code base64url(json).base64url(hmac)})
 * is recognised by its shape and answered as if no header had been sent (see {@link #issuedBeforeJws}); it is not
 * verified, but ignoring it neither waits for nor deserializes anything it names.
 */
@Component
class ConsistencyTokenCodec {

    /** Longer values are refused unread; a write that stores more sequences than this names only the store's head. */
    static final int MAX_LENGTH = 4096;
    /** The only types a token may name: what the stores' tracking tokens are, never anything else for Jackson. */
    private static final Set<String> TOKEN_TYPES = Set.of(
            "org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoTrackingToken",
            "org.axonframework.eventhandling.GapAwareTrackingToken",
            "org.axonframework.eventhandling.GlobalSequenceTrackingToken");

    private final Serializer serializer;
    private final ObjectMapper json;
    private final HmacJws jws;

    ConsistencyTokenCodec(
            Serializer serializer,
            ObjectMapper json,
            @Value("${bazaar.consistency.secret:${bazaar.feed.cursor-secret:bazaar-feed-cursor}}") String secret) {
        this.serializer = serializer;
        this.json = json;
        this.jws = new HmacJws(secret);
    }

    /** The wire form of one entry: sequence id, payload types, token type, serialized token, newest timestamp. */
    record Entry(String s, Set<String> t, String k, String d, long a) {}

    String encode(List<WrittenEvent> written) {
        List<Entry> entries = written.stream()
                .map(w -> {
                    SerializedObject<String> token = serializer.serialize(w.token(), String.class);
                    return new Entry(
                            w.sequenceId(),
                            w.payloadTypes(),
                            token.getType().getName(),
                            token.getData(),
                            w.writtenAt());
                })
                .toList();
        try {
            return jws.sign(new Payload(json.writeValueAsBytes(entries)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A consistency token could not be written", e);
        }
    }

    List<WrittenEvent> decode(String header) {
        if (header.length() > MAX_LENGTH) {
            throw new MalformedConsistencyToken();
        }
        try {
            byte[] payload = jws.verify(header).map(Payload::toBytes).orElseThrow(MalformedConsistencyToken::new);
            Entry[] entries = json.readValue(payload, Entry[].class);
            if (java.util.Arrays.stream(entries).anyMatch(entry -> !TOKEN_TYPES.contains(entry.k()))) {
                throw new MalformedConsistencyToken();
            }
            return java.util.Arrays.stream(entries)
                    .map(entry -> new WrittenEvent(
                            entry.s(),
                            entry.t(),
                            serializer.<String, TrackingToken>deserialize(
                                    new SimpleSerializedObject<>(entry.d(), String.class, entry.k(), null)),
                            entry.a()))
                    .toList();
        } catch (MalformedConsistencyToken e) {
            throw e;
        } catch (RuntimeException | java.io.IOException e) {
            throw new MalformedConsistencyToken();
        }
    }

    /**
     * Whether {@code header} has the shape of the two-part tokens issued before tokens became JWS. The mobile app keeps
     * its last token and sends it on every read until its next write, so refusing these with a 400 would break every
     * read of an app that has not written since the upgrade; they are ignored instead (such a token is old: the read
     * models have long caught up with it, except in the seconds of a rolling upgrade).
     */
    static boolean issuedBeforeJws(String header) {
        String[] parts = header.split("\\.", -1);
        if (header.length() > MAX_LENGTH || parts.length != 2) {
            return false;
        }
        try {
            // Their first part was the JSON array of entries; a JWS header, a made-up or cut string is not that.
            String payload = new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8).strip();
            return payload.startsWith("[") && payload.endsWith("]");
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    /** The header is not one this cluster issued (garbage, truncated, or signed with another secret). */
    static final class MalformedConsistencyToken extends RuntimeException {
        MalformedConsistencyToken() {
            super("The Bazaar-Consistency header is not a token this service issued.", null, false, false);
        }
    }
}
