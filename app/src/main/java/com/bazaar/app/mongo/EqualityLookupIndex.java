package com.bazaar.app.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.KeyConstraintError;
import java.util.Collection;

/**
 * A unique single-field index of the embedded server (above all {@code _id}) that also narrows queries which name its
 * field with a plain value <em>and</em> other conditions. mongo-java-server uses an index only when the query has
 * exactly the index's fields, so {@code {_id: x, lastSequence: {$lt: n}}} (every projection update, see
 * {@code SequenceGuard}) read and deserialized the whole collection: a read model of N documents cost O(N) per event
 * (docs/PERFORMANCE.md, "Profile"). Here such a query takes the one document at {@code x} from the index and the server
 * still matches it against the whole query, so the answer is the same; only the candidates are fewer.
 */
final class EqualityLookupIndex<P> extends Index<P> {

    private final Index<P> index;
    private final String field;

    EqualityLookupIndex(Index<P> index) {
        super(index.getName(), index.getKeys(), false);
        this.index = index;
        this.field = index.getKeys().get(0).getKey();
    }

    /** Only unique single-field indexes gain anything (and only they can answer a plain value with one position). */
    static <P> Index<P> wrap(Index<P> index) {
        return index.isUnique() && index.getKeys().size() == 1 ? new EqualityLookupIndex<>(index) : index;
    }

    @Override
    public boolean canHandle(Document query) {
        if (index.canHandle(query)) {
            return true;
        }
        // A plain value only: null would miss documents without the field (sparse), a document or array has other
        // matching rules, a pattern is a regular expression.
        Object value = query.get(field);
        return query.size() > 1
                && value != null
                && !(value instanceof Document)
                && !(value instanceof Collection<?>)
                && !BsonRegularExpression.isRegularExpression(value);
    }

    @Override
    public Iterable<P> getPositions(Document query) {
        return index.canHandle(query)
                ? index.getPositions(query)
                : index.getPositions(new Document(field, query.get(field)));
    }

    @Override
    public boolean isUnique() {
        return index.isUnique();
    }

    @Override
    public boolean hasSameOptions(Index<?> other) {
        return index.hasSameOptions(other instanceof EqualityLookupIndex<?> wrapped ? wrapped.index : other);
    }

    @Override
    public Document toIndexDescription() {
        return index.toIndexDescription();
    }

    @Override
    public P getPosition(Document document) {
        return index.getPosition(document);
    }

    @Override
    public void checkAdd(Document document, MongoCollection<P> collection) {
        index.checkAdd(document, collection);
    }

    @Override
    public void add(Document document, P position, MongoCollection<P> collection) {
        index.add(document, position, collection);
    }

    @Override
    public P remove(Document document) {
        return index.remove(document);
    }

    @Override
    public long getCount() {
        return index.getCount();
    }

    @Override
    public long getDataSize() {
        return index.getDataSize();
    }

    @Override
    public void checkUpdate(Document oldDocument, Document newDocument, MongoCollection<P> collection) {
        index.checkUpdate(oldDocument, newDocument, collection);
    }

    @Override
    public void updateInPlace(Document oldDocument, Document newDocument, P position, MongoCollection<P> collection)
            throws KeyConstraintError {
        index.updateInPlace(oldDocument, newDocument, position, collection);
    }

    @Override
    public void drop() {
        index.drop();
    }
}
