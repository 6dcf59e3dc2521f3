package com.bazaar.identity.token;

import com.bazaar.identity.IdentityProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * The ES256 keys access tokens are signed with, shared by all nodes through MongoDB. The newest key signs; every key
 * young enough to have signed a still-valid token verifies. A new key is made when the newest is older than the
 * rotation period, so rotation never logs anyone out. A node that meets an unknown {@code kid} (another node rotated)
 * reloads the ring, at most every {@link #RELOAD_INTERVAL} so random kids cannot hammer the database.
 *
 * <p>The private keys are stored in the database (encrypted at rest by Atlas in production); moving them to AWS
 * Secrets Manager or KMS signing is an infra decision recorded in docs/SECURITY.md.
 */
@Component
class SigningKeyRing {

    static final Duration RELOAD_INTERVAL = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

    @Document("signing_keys")
    record StoredKey(@Id String kid, String jwk, Instant createdAt) {
    }

    private final MongoTemplate mongo;
    private final Duration rotation;
    private final Duration retention;
    private final Clock clock;
    private volatile List<ECKey> keys = List.of();
    private volatile Instant loadedAt = Instant.EPOCH;

    SigningKeyRing(MongoTemplate mongo, IdentityProperties properties, Clock clock) {
        this.mongo = mongo;
        this.rotation = properties.signingKeyRotation();
        // A key stops signing when its successor appears and its last token expires one access-token lifetime later.
        this.retention = properties.signingKeyRotation().plus(properties.accessTokenTtl()).plus(Duration.ofMinutes(5));
        this.clock = clock;
        rotateIfDue();
    }

    /** The key new tokens are signed with. */
    ECKey signingKey() {
        return keys.get(0);
    }

    /** The public keys that verify our tokens, as published at /.well-known/jwks.json. */
    JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** The public key with this id, reloading the ring (rate-limited) when another node may have rotated. */
    Optional<JWK> verificationKey(String kid) {
        Optional<JWK> known = find(kid);
        if (known.isPresent() || clock.instant().isBefore(loadedAt.plus(RELOAD_INTERVAL))) {
            return known;
        }
        load();
        return find(kid);
    }

    private Optional<JWK> find(String kid) {
        return keys.stream().filter(key -> key.getKeyID().equals(kid)).findFirst().map(ECKey::toPublicJWK);
    }

    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT1H")
    synchronized void rotateIfDue() {
        load();
        Instant now = clock.instant();
        if (keys.isEmpty() || createdAt(keys.get(0)).isBefore(now.minus(rotation))) {
            ECKey key = generate(now);
            mongo.insert(new StoredKey(key.getKeyID(), key.toJSONString(), now));
            log.info("Created signing key {}", key.getKeyID());
            mongo.remove(Query.query(where("createdAt").lt(now.minus(retention))), StoredKey.class);
            load();
        }
    }

    private synchronized void load() {
        keys = mongo.find(new Query().with(Sort.by(Sort.Order.desc("createdAt"))), StoredKey.class).stream()
                .filter(stored -> stored.createdAt().isAfter(clock.instant().minus(retention)))
                .map(SigningKeyRing::parse)
                .toList();
        loadedAt = clock.instant();
    }

    private static Instant createdAt(ECKey key) {
        return key.getIssueTime().toInstant();
    }

    private static ECKey generate(Instant now) {
        try {
            return new ECKeyGenerator(Curve.P_256)
                    .keyID(UUID.randomUUID().toString())
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.ES256)
                    .issueTime(Date.from(now))
                    .generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate an ES256 key", e);
        }
    }

    private static ECKey parse(StoredKey stored) {
        try {
            return ECKey.parse(stored.jwk());
        } catch (ParseException e) {
            throw new IllegalStateException("Signing key " + stored.kid() + " is corrupt", e);
        }
    }
}
