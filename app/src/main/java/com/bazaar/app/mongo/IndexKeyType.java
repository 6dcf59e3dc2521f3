package com.bazaar.app.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's unique indexes: H2's {@link ObjectDataType}, which the server's index maps use,
 * with the same bytes on disk and the same order, only cheaper to compare.
 *
 * <p>Why: the server's index keys ({@link KeyValue}) are not {@link Comparable}, so H2 orders two of them by comparing
 * their Java serialization, serializing both on every comparison: a lookup in an index of {@code n} keys serialized
 * about {@code 2·log₂ n} objects: 6 % of all CPU samples while the store bench sent HTTP commands
 * (docs/PERFORMANCE.md, "Seventh round"). Here each key's serialized form is computed once and kept as long as the
 * key object lives (weak identity keys: the keys of the pages H2 holds in its cache, and the key being looked up), and
 * two keys are compared byte by byte exactly as H2 does. The order is H2's own, so files written before and after are
 * the same and either build opens the other's.
 */
final class IndexKeyType extends ObjectDataType {

    private final Cache<KeyValue, byte[]> serialized =
            Caffeine.newBuilder().weakKeys().build();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            return first == second ? 0 : compareNotNull(serializedForm(first), serializedForm(second));
        }
        return super.compare(a, b);
    }

    private byte[] serializedForm(KeyValue key) {
        return serialized.get(key, ObjectDataType::serialize);
    }
}
