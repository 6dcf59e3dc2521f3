package com.bazaar.identity.token;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import com.bazaar.identity.IdentityProperties;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The ES256 keys access tokens are signed with, shared by all nodes through MongoDB. The newest key signs; every key
 * young enough to have signed a still-valid token verifies. A new key is made when the newest is older than the
 * rotation period, so rotation never logs anyone out. A node that meets an unknown {@code kid} (another node rotated)
 * looks that one id up (a read on the unique {@code _id}, as cheap as a refresh-token lookup) and reloads the ring
 * only when the key exists, so a token signed a moment ago by another node's new key is accepted at once and random
 * kids cost one indexed read each, never a reload.
 *
 * <p>One key per rotation period for the whole cluster: the check "is the newest key due?" and the insert of its
 * successor run under the cluster-wide lock {@value #LOCK} (ShedLock, docs/ARCHITECTURE.md), and a node that signs
 * with a key that is due for rotation first rotates or picks up the successor another node made, so no node keeps
 * signing with a key the others will soon stop accepting.
 *
 * <p>The private keys are stored in the database (encrypted at rest by Atlas in production); moving them to AWS
 * Secrets Manager or KMS signing is an infra decision recorded in docs/SECURITY.md.
 */
@Component
class SigningKeyRing {

    static final String LOCK = "signing-key-rotation";
    private static final Duration LOCK_AT_MOST = Duration.ofMinutes(1);
    private static final Duration FIRST_KEY_WAIT = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(SigningKeyRing.class);

    @Document("signing_keys")
    record StoredKey(@Id String kid, String jwk, Instant createdAt) {}

    private final MongoTemplate mongo;
    private final Duration rotation;
    private final Duration retention;
    private final Clock clock;
    private final LockingTaskExecutor locks;
    private volatile List<ECKey> keys = List.of();

    SigningKeyRing(MongoTemplate mongo, IdentityProperties properties, Clock clock, LockingTaskExecutor locks) {
        this.mongo = mongo;
        this.rotation = properties.signingKeyRotation();
        // A key stops signing when its successor appears and its last token expires one access-token lifetime later.
        this.retention = properties
                .signingKeyRotation()
                .plus(properties.accessTokenTtl())
                .plus(Duration.ofMinutes(5));
        this.clock = clock;
        this.locks = locks;
        awaitFirstKey();
    }

    /** On an empty store another node may be making the first key while holding the lock: wait for it. */
    private void awaitFirstKey() {
        long giveUp = System.nanoTime() + FIRST_KEY_WAIT.toNanos();
        rotateIfDue();
        while (keys.isEmpty()) {
            if (System.nanoTime() - giveUp > 0) {
                throw new IllegalStateException("No token signing key after " + FIRST_KEY_WAIT + ": the lock " + LOCK
                        + " in collection scheduler_locks is held and no key appears");
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the first signing key", e);
            }
            rotateIfDue();
        }
    }

    /** The key new tokens are signed with: never one that is due for rotation, if the store can be reached. */
    ECKey signingKey() {
        if (isDue(keys)) {
            rotateIfDue();
        }
        return keys.get(0);
    }

    private boolean isDue(List<ECKey> ring) {
        return ring.isEmpty() || createdAt(ring.get(0)).isBefore(clock.instant().minus(rotation));
    }

    /** The public keys that verify our tokens, as published at /.well-known/jwks.json. */
    JWKSet publicKeys() {
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** The public key with this id, reloading the ring when another node made it since this node last loaded. */
    Optional<JWK> verificationKey(String kid) {
        Optional<JWK> known = find(kid);
        if (known.isPresent()
                || kid == null
                || !mongo.exists(Query.query(where("_id").is(kid)), StoredKey.class)) {
            return known;
        }
        load();
        return find(kid);
    }

    private Optional<JWK> find(String kid) {
        return keys.stream()
                .filter(key -> key.getKeyID().equals(kid))
                .findFirst()
                .map(ECKey::toPublicJWK);
    }

    /**
     * Makes the successor of a due key, on one node at a time; a node that finds the lock held only reloads (the
     * holder is rotating). Checked hourly, and on signing with a due key. The lock's own times use ShedLock's clock,
     * the system one its Mongo provider compares with; the business clock decides when a key is due.
     */
    @Scheduled(
            fixedDelayString = "${bazaar.auth.signing-key-check-interval:PT1H}",
            initialDelayString = "${bazaar.auth.signing-key-check-interval:PT1H}")
    synchronized void rotateIfDue() {
        locks.executeWithLock(
                (Runnable) this::rotateUnderLock,
                new LockConfiguration(ClockProvider.now(), LOCK, LOCK_AT_MOST, Duration.ZERO));
        load();
    }

    private void rotateUnderLock() {
        load();
        Instant now = clock.instant();
        if (isDue(keys)) {
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
