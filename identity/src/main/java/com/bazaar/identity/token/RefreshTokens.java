package com.bazaar.identity.token;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.common.DomainException;
import com.bazaar.contracts.common.ErrorCode;
import com.bazaar.identity.IdentityProperties;
import com.bazaar.identity.Sha256;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Opaque refresh tokens (256 random bits), stored only as SHA-256 hashes, rotated on every use. All tokens descended
 * from one sign-in form a family. Presenting a token that was already used means it was copied (or a response was
 * lost and retried): the whole family is revoked, so a thief's copy and the victim's current token both stop working.
 * Blocking.
 */
@Component
class RefreshTokens {

    @Document("refresh_tokens")
    record StoredRefreshToken(
            @Id String hash,
            String familyId,
            String userId,
            Instant issuedAt,
            Instant expiresAt,
            Instant usedAt,
            Instant revokedAt) {}

    /** The outcome of a successful rotation: whose token it was and its successor. */
    record Rotation(String userId, String familyId, String newToken) {}

    /** A used token came back: its family is revoked. */
    static final class ReuseDetected extends DomainException {
        final String userId;
        final String familyId;

        ReuseDetected(String userId, String familyId) {
            super(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; sign in again.");
            this.userId = userId;
            this.familyId = familyId;
        }
    }

    private final SecureRandom random = new SecureRandom();
    private final MongoTemplate mongo;
    private final IdentityProperties properties;
    private final Clock clock;

    RefreshTokens(MongoTemplate mongo, IdentityProperties properties, Clock clock) {
        this.clock = clock;
        this.mongo = mongo;
        this.properties = properties;
    }

    String startFamily(String userId) {
        return issue(userId, UUID.randomUUID().toString());
    }

    Rotation rotate(String token) {
        String hash = Sha256.hex(token);
        Instant now = clock.instant();
        StoredRefreshToken stored = mongo.findById(hash, StoredRefreshToken.class);
        if (stored == null || stored.revokedAt() != null || !stored.expiresAt().isAfter(now)) {
            throw invalid();
        }
        // Atomic claim: of two concurrent uses of one token exactly one finds it unused.
        StoredRefreshToken claimed = mongo.findAndModify(
                query(where("_id")
                        .is(hash)
                        .and("usedAt")
                        .exists(false)
                        .and("revokedAt")
                        .exists(false)),
                new Update().set("usedAt", now),
                FindAndModifyOptions.options().returnNew(true),
                StoredRefreshToken.class);
        if (claimed == null) {
            revokeFamily(stored.familyId());
            throw new ReuseDetected(stored.userId(), stored.familyId());
        }
        return new Rotation(stored.userId(), stored.familyId(), issue(stored.userId(), stored.familyId()));
    }

    /** Revokes the family of this token; unknown tokens are ignored (logout is idempotent). Returns the owner. */
    String revoke(String token) {
        StoredRefreshToken stored = mongo.findById(Sha256.hex(token), StoredRefreshToken.class);
        if (stored == null) {
            return null;
        }
        revokeFamily(stored.familyId());
        return stored.userId();
    }

    /** Who had a refresh-token family revoked (logout, reuse) at or after {@code since}, and when. */
    java.util.List<Tokens.Revocation> revokedSince(Instant since) {
        return mongo.find(query(where("revokedAt").gte(since)), StoredRefreshToken.class).stream()
                .map(token -> new Tokens.Revocation(token.userId(), token.revokedAt()))
                .distinct()
                .toList();
    }

    private void revokeFamily(String familyId) {
        mongo.updateMulti(
                query(where("familyId").is(familyId).and("revokedAt").exists(false)),
                new Update().set("revokedAt", clock.instant()),
                StoredRefreshToken.class);
    }

    private String issue(String userId, String familyId) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        mongo.insert(new StoredRefreshToken(
                Sha256.hex(token), familyId, userId, now, now.plus(properties.refreshTokenTtl()), null, null));
        return token;
    }

    private static DomainException invalid() {
        return new DomainException(ErrorCode.INVALID_REFRESH_TOKEN, "The refresh token is not valid; sign in again.");
    }
}
