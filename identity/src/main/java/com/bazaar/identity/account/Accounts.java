package com.bazaar.identity.account;

import com.bazaar.contracts.identity.Role;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The account collection. Uniqueness of emails and Apple subjects is enforced by unique indexes in MongoDB, so two
 * concurrent sign-ups with one email cannot both succeed (the loser gets a DuplicateKeyException). Blocking.
 */
@Component
public class Accounts {

    private final MongoTemplate mongo;

    Accounts(MongoTemplate mongo) {
        this.mongo = mongo;
        // Sparse, so that accounts without an email or an Apple subject (the field is left out, never null) do not
        // collide on "missing". Sparse unique indexes are honoured by the embedded server too.
        mongo.indexOps(Account.class).ensureIndex(new Index().on("email", Sort.Direction.ASC).unique().sparse());
        mongo.indexOps(Account.class).ensureIndex(new Index().on("appleSubject", Sort.Direction.ASC).unique().sparse());
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

    Optional<Account> rename(String id, String displayName) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("displayName", displayName), Account.class);
        return byId(id);
    }

    public Optional<Account> replaceRoles(String id, Set<Role> roles) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("roles", roles), Account.class);
        return byId(id);
    }

    public void grantByEmail(String normalisedEmail, Role role) {
        mongo.updateFirst(query(where("email").is(normalisedEmail)), new Update().addToSet("roles", role),
                Account.class);
    }
}
