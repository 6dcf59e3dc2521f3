package com.bazaar.app.mongo;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import de.bwaldvogel.mongo.backend.KeyValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the embedded server's unique indexes: H2's {@link ObjectDataType}, which the server's index maps use,
 * with the same bytes on disk and the same order, only cheaper to compare and to write.
 *
 * <p>Why: the server's index keys ({@link KeyValue}) are not {@link Comparable}, so H2 orders two of them by comparing
 * their Java serialization, serializing both on every comparison: a lookup in an index of {@code n} keys serialized
 * about {@code 2·log₂ n} objects: 6 % of all CPU samples while the store bench sent HTTP commands
 * (docs/PERFORMANCE.md, "Seventh round"). And H2 writes a changed page whole, so every commit serialized again every
 * key of every index page a write had touched: 17 % of the samples of a feed rebuild at a million events
 * (docs/PERFORMANCE.md, "Eighth round"). Here each key's serialized form is made once (or taken from the page it was
 * read from) and kept as long as the key object lives (weak identity keys: the keys of the pages H2 holds in memory, and
 * the key being looked up); keys are compared byte by byte exactly as H2 does and written as H2 writes them. Files
 * written before and after are the same and either build opens the other's.
 *
 * <p>This relies on a key never changing once made (the server makes a new one for every document it indexes). With
 * {@value #VERIFY_PROPERTY} set (the app's tests set it) every key written is checked against a fresh serialization.
 */
final class IndexKeyType extends ObjectDataType {

    static final String VERIFY_PROPERTY = "bazaar.embedded-mongo.verify-index-keys";

    /** H2's tag for a Java-serialized value (package-private in {@link ObjectDataType}); part of its file format. */
    private static final byte SERIALIZED_OBJECT_TAG = 19;

    private final Cache<KeyValue, byte[]> serialized =
            Caffeine.newBuilder().weakKeys().build();
    private final boolean verify = Boolean.getBoolean(VERIFY_PROPERTY);

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue first && b instanceof KeyValue second) {
            return first == second ? 0 : compareNotNull(serializedForm(first), serializedForm(second));
        }
        return super.compare(a, b);
    }

    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof KeyValue key)) {
            super.write(buff, obj);
            return;
        }
        byte[] data = serializedForm(key);
        if (verify && !Arrays.equals(data, serialize(key))) {
            throw new IllegalStateException("an index key changed after it was made: " + key);
        }
        buff.put(SERIALIZED_OBJECT_TAG).putVarInt(data.length).put(data);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != SERIALIZED_OBJECT_TAG) {
            return super.read(buff);
        }
        buff.get();
        byte[] data = new byte[DataUtils.readVarInt(buff)];
        buff.get(data);
        Object value = deserialize(data);
        if (value instanceof KeyValue key) {
            serialized.put(key, data);
        }
        return value;
    }

    /**
     * Twice the serialized bytes: what H2 estimates for a serialized object (it keeps a running average of that), so
     * pages split at about the same number of keys as with the stock type.
     */
    @Override
    public int getMemory(Object obj) {
        return obj instanceof KeyValue key ? serializedForm(key).length * 2 : super.getMemory(obj);
    }

    private byte[] serializedForm(KeyValue key) {
        return serialized.get(key, ObjectDataType::serialize);
    }
}
