package io.wrongodb.query;

import io.wrongodb.bson.KeyEncoding;
import io.wrongodb.bson.SortDirection;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonUndefined;
import org.bson.BsonValue;

/**
 * The keys a document puts into an index. One key per document, except when an indexed field holds an array
 * (a multikey index): then one key per distinct element. Only one field of a compound key may hold an array
 * ("cannot index parallel arrays", 171). A missing field indexes as null and an empty array as undefined, as
 * MongoDB does. A sparse index skips documents that have none of its fields; a partial index skips documents
 * its filter does not match.
 *
 * <p>{@link #of} returns the key-encoded field values only; {@link #entryKey} appends the document's {@code _id}
 * for a non-unique index, so that equal field values from different documents are different entries. A unique
 * index keeps the field values alone as its key (with the {@code _id} as the value): two concurrent inserts of the
 * same value then write the same key and one of them gets a write conflict.
 */
public final class IndexKeys {
    private final IndexSpec spec;
    private final List<String> fields;
    private final List<SortDirection> directions = new ArrayList<>();
    private final Filter partialFilter;

    public IndexKeys(IndexSpec spec) {
        this.spec = spec;
        this.fields = spec.fields();
        for (int i = 0; i < fields.size(); i++) {
            directions.add(spec.descending(i) ? SortDirection.DESCENDING : SortDirection.ASCENDING);
        }
        this.partialFilter = spec.partialFilter() == null ? null : Filter.parse(spec.partialFilter());
    }

    public IndexSpec spec() {
        return spec;
    }

    public List<SortDirection> directions() {
        return directions;
    }

    /** A document's keys in one index, and whether an array made it more than one (or none, if empty). */
    public record Keys(List<byte[]> keys, boolean multikey) {
        static final Keys NONE = new Keys(List.of(), false);
    }

    /** The distinct encoded field keys of {@code document}; none when the index skips it (sparse or partial). */
    public Keys of(BsonDocument document) {
        if (partialFilter != null && !partialFilter.matches(document)) {
            return Keys.NONE;
        }
        List<List<BsonValue>> perField = new ArrayList<>();
        boolean anyPresent = false;
        int arrayField = -1;
        for (int i = 0; i < fields.size(); i++) {
            List<BsonValue> values = new ArrayList<>();
            boolean[] sawArray = new boolean[1];
            collect(document, fields.get(i).split("\\."), 0, values, sawArray);
            if (values.isEmpty()) {
                values.add(BsonNull.VALUE);
            } else {
                anyPresent = true;
            }
            if (sawArray[0]) {
                if (arrayField >= 0) {
                    throw MongoServerException.location(
                            171,
                            "cannot index parallel arrays [" + fields.get(i) + "] [" + fields.get(arrayField) + "]");
                }
                arrayField = i;
            }
            perField.add(values);
        }
        if (spec.sparse() && !anyPresent) {
            return Keys.NONE;
        }
        List<byte[]> keys = new ArrayList<>();
        expand(perField, 0, new ArrayList<>(), keys);
        return new Keys(distinct(keys), arrayField >= 0);
    }

    /** The entry key for one field key of a document with this encoded {@code _id}. */
    public byte[] entryKey(byte[] fieldKey, byte[] encodedId) {
        if (spec.unique()) {
            return fieldKey;
        }
        byte[] key = Arrays.copyOf(fieldKey, fieldKey.length + encodedId.length);
        System.arraycopy(encodedId, 0, key, fieldKey.length, encodedId.length);
        return key;
    }

    /** The encoded field key of explicit values, one per field, for lookups and bounds. */
    public byte[] encode(List<BsonValue> values) {
        return KeyEncoding.encode(values, directions.subList(0, values.size()));
    }

    private void expand(List<List<BsonValue>> perField, int i, List<BsonValue> chosen, List<byte[]> keys) {
        if (i == perField.size()) {
            keys.add(KeyEncoding.encode(chosen, directions));
            return;
        }
        for (BsonValue value : perField.get(i)) {
            chosen.add(value);
            expand(perField, i + 1, chosen, keys);
            chosen.remove(chosen.size() - 1);
        }
    }

    /**
     * The values at {@code path[depth..]} under {@code value}: walks into documents, and into the elements of an
     * array met on the way (a numeric component indexes into the array as well). A value at the end of the path
     * that is an array contributes its elements (an empty one, undefined).
     */
    static void collect(BsonValue value, String[] path, int depth, List<BsonValue> out, boolean[] sawArray) {
        if (depth == path.length) {
            if (value.isArray()) {
                sawArray[0] = true;
                BsonArray array = value.asArray();
                if (array.isEmpty()) {
                    out.add(new BsonUndefined());
                }
                out.addAll(array.getValues());
            } else {
                out.add(value);
            }
            return;
        }
        if (value.isDocument()) {
            BsonValue child = value.asDocument().get(path[depth]);
            if (child != null) {
                collect(child, path, depth + 1, out, sawArray);
            }
        } else if (value.isArray()) {
            sawArray[0] = true;
            BsonArray array = value.asArray();
            if (isIndex(path[depth])) {
                int index = Integer.parseInt(path[depth]);
                if (index < array.size()) {
                    collect(array.get(index), path, depth + 1, out, sawArray);
                }
            }
            for (BsonValue element : array) {
                if (element.isDocument()) {
                    collect(element, path, depth, out, sawArray);
                }
            }
        }
    }

    /** The values at a dotted path of a document, with arrays walked as for index keys. */
    public static void valuesAt(BsonDocument document, String path, List<BsonValue> out) {
        collect(document, path.split("\\."), 0, out, new boolean[1]);
    }

    private static boolean isIndex(String component) {
        return !component.isEmpty()
                && component.length() < 10
                && component.chars().allMatch(Character::isDigit);
    }

    private static List<byte[]> distinct(List<byte[]> keys) {
        if (keys.size() < 2) {
            return keys;
        }
        keys.sort(Arrays::compareUnsigned);
        List<byte[]> result = new ArrayList<>();
        for (byte[] key : keys) {
            if (result.isEmpty() || !Arrays.equals(result.get(result.size() - 1), key)) {
                result.add(key);
            }
        }
        return result;
    }
}
