package com.bazaar.identity.account;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.bazaar.contracts.identity.Role;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The account collection. Uniqueness of emails and Apple subjects is enforced by unique indexes in MongoDB, so two
 * concurrent sign-ups with one email cannot both succeed (the loser gets a DuplicateKeyException). Blocking.
 */
@Component
public class Accounts {

    /** Outbox mark of a rename not yet published; a field of the document only, never part of {@link Account}. */
    static final String UNPUBLISHED_NAME_SINCE = "displayNameUnpublishedSince";

    private final MongoTemplate mongo;

    Accounts(MongoTemplate mongo) {
        this.mongo = mongo;
        // Sparse, so that accounts without an email or an Apple subject (the field is left out, never null) do not
        // collide on "missing". Sparse unique indexes are honoured by the embedded server too.
        mongo.indexOps(Account.class)
                .ensureIndex(
                        new Index().on("email", Sort.Direction.ASC).unique().sparse());
        mongo.indexOps(Account.class)
                .ensureIndex(new Index()
                        .on("appleSubject", Sort.Direction.ASC)
                        .unique()
                        .sparse());
    }

    Account insert(Account account) {
        return mongo.insert(account);
    }

    void delete(String id) {
        mongo.remove(Query.query(Criteria.where("_id").is(id)), Account.class);
    }

    public Optional<Account> byId(String id) {
        return Optional.ofNullable(mongo.findById(id, Account.class));
    }

    Optional<Account> byEmail(String normalisedEmail) {
        return Optional.ofNullable(mongo.findOne(query(where("email").is(normalisedEmail)), Account.class));
    }

    Optional<Account> byAppleSubject(String subject) {
        return Optional.ofNullable(mongo.findOne(query(where("appleSubject").is(subject)), Account.class));
    }

    /**
     * The new name and its outbox mark in one single-document (so atomic) update: until {@link #displayNamePublished}
     * clears the mark, the {@link DisplayNameOutbox} knows the rest of the system may not have heard of the name.
     */
    Optional<Account> rename(String id, String displayName, Instant at) {
        mongo.updateFirst(
                query(where("_id").is(id)),
                new Update().set("displayName", displayName).set(UNPUBLISHED_NAME_SINCE, at),
                Account.class);
        return byId(id);
    }

    /** Clears the outbox mark only if the name is still the one published; a newer rename keeps its own mark. */
    void displayNamePublished(String id, String displayName) {
        mongo.updateFirst(
                query(where("_id").is(id).and("displayName").is(displayName)),
                new Update().unset(UNPUBLISHED_NAME_SINCE),
                Account.class);
    }

    List<Account> withNameUnpublishedSince(Instant before, int limit) {
        return mongo.find(query(where(UNPUBLISHED_NAME_SINCE).lt(before)).limit(limit), Account.class);
    }

    public Optional<Account> replaceRoles(String id, Set<Role> roles) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("roles", roles), Account.class);
        return byId(id);
    }

    public void grantByEmail(String normalisedEmail, Role role) {
        mongo.updateFirst(
                query(where("email").is(normalisedEmail)), new Update().addToSet("roles", role), Account.class);
    }
}
