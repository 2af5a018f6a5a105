package io.wrongodb.aggregate;

import io.wrongodb.bson.TypeNames;
import io.wrongodb.error.MongoServerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * {@code $unwind}: one output document per element of the array at a path (dotted paths go through embedded
 * documents, not arrays), with {@code includeArrayIndex} (a long) and {@code preserveNullAndEmptyArrays} (keeps
 * documents whose field is missing, null or an empty array; an empty array's field is removed). A non-array value is
 * passed through as a one-element array.
 */
final class UnwindStage implements Stage {
    private final String field;
    private final boolean preserve;
    private final String indexField;

    private UnwindStage(String field, boolean preserve, String indexField) {
        this.field = field;
        this.preserve = preserve;
        this.indexField = indexField;
    }

    static UnwindStage parse(BsonValue spec) {
        String path;
        boolean preserve = false;
        String indexField = null;
        if (spec.isString()) {
            path = spec.asString().getValue();
        } else if (spec.isDocument()) {
            path = null;
            for (Map.Entry<String, BsonValue> option : spec.asDocument().entrySet()) {
                BsonValue v = option.getValue();
                switch (option.getKey()) {
                    case "path" -> {
                        if (!v.isString()) {
                            throw MongoServerException.location(
                                    28808, "expected a string as the path for $unwind stage, got " + TypeNames.of(v));
                        }
                        path = v.asString().getValue();
                    }
                    case "preserveNullAndEmptyArrays" -> {
                        if (!v.isBoolean()) {
                            throw MongoServerException.location(
                                    28809,
                                    "expected a boolean for the preserveNullAndEmptyArrays option to $unwind stage, got "
                                            + TypeNames.of(v));
                        }
                        preserve = v.asBoolean().getValue();
                    }
                    case "includeArrayIndex" -> {
                        if (!v.isString() || v.asString().getValue().isEmpty()) {
                            throw MongoServerException.location(
                                    28810,
                                    "expected a non-empty string for the includeArrayIndex option to $unwind stage,"
                                            + " got " + TypeNames.of(v));
                        }
                        indexField = v.asString().getValue();
                        if (indexField.startsWith("$")) {
                            throw MongoServerException.location(
                                    28822,
                                    "includeArrayIndex option to $unwind stage should not be prefixed with a '$': "
                                            + indexField);
                        }
                    }
                    default ->
                        throw MongoServerException.location(
                                28811, "unrecognized option to $unwind stage: " + option.getKey());
                }
            }
            if (path == null) {
                throw MongoServerException.location(28812, "no path specified to $unwind stage");
            }
        } else {
            throw MongoServerException.location(
                    15981,
                    "expected either a string or an object as specification for $unwind stage, got "
                            + TypeNames.of(spec));
        }
        if (path.isEmpty()) {
            throw MongoServerException.location(40719, "Invalid $unwind :: caused by :: FieldPath cannot be empty");
        }
        if (!path.startsWith("$")) {
            throw MongoServerException.location(
                    28818, "path option to $unwind stage should be prefixed with a '$': " + path);
        }
        return new UnwindStage(path.substring(1), preserve, indexField);
    }

    @Override
    public List<BsonDocument> apply(List<BsonDocument> input) {
        List<BsonDocument> out = new ArrayList<>();
        for (BsonDocument d : input) {
            BsonValue v = DottedPath.get(d, field);
            if (v != null && v.isArray() && !v.asArray().isEmpty()) {
                for (int i = 0; i < v.asArray().size(); i++) {
                    out.add(with(d, v.asArray().get(i), new BsonInt64(i)));
                }
            } else if (v != null && !v.isArray() && !v.isNull()) {
                out.add(with(d, v, BsonNull.VALUE));
            } else if (preserve) {
                out.add(with(d, v != null && v.isArray() ? null : v, BsonNull.VALUE));
            }
        }
        return out;
    }

    private BsonDocument with(BsonDocument d, BsonValue value, BsonValue index) {
        BsonDocument copy = d.clone();
        if (value != null || DottedPath.get(d, field) != null) {
            DottedPath.set(copy, field, value);
        }
        if (indexField != null) {
            DottedPath.set(copy, indexField, index);
        }
        return copy;
    }
}
