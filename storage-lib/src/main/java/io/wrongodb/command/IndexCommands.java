package io.wrongodb.command;

import io.wrongodb.bson.ShellFormat;
import io.wrongodb.catalog.CollectionInfo;
import io.wrongodb.catalog.IndexSpec;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.ErrorCode;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.write.IndexBuild;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;

/** {@code createIndexes}, {@code listIndexes} and {@code dropIndexes}. */
public final class IndexCommands {
    static final BsonDocument ID_INDEX = new BsonDocument("v", new BsonInt32(2))
            .append("key", new BsonDocument("_id", new BsonInt32(1)))
            .append("name", new BsonString("_id_"));
    private static final Set<String> KNOWN_OPTIONS = Set.of(
            "key",
            "name",
            "unique",
            "sparse",
            "partialFilterExpression",
            "v",
            "background",
            "ns",
            "collation",
            "expireAfterSeconds");
    /** Index options MongoDB has and WrongoDB does not: refused as not implemented rather than as invalid. */
    private static final Set<String> NOT_IMPLEMENTED_OPTIONS = Set.of(
            "hidden",
            "weights",
            "default_language",
            "language_override",
            "textIndexVersion",
            "2dsphereIndexVersion",
            "bits",
            "min",
            "max",
            "wildcardProjection",
            "storageEngine",
            "clustered",
            "prepareUnique");

    private IndexCommands() {}

    public static List<Command> of(Store store) {
        return List.of(new CreateIndexes(store), new ListIndexes(store), new DropIndexes(store));
    }

    /** The default name of an index on {@code key}: {@code a_1_b_-1}. */
    static String defaultName(BsonDocument key) {
        StringBuilder name = new StringBuilder();
        for (Map.Entry<String, BsonValue> field : key.entrySet()) {
            if (!name.isEmpty()) {
                name.append('_');
            }
            BsonValue v = field.getValue();
            String direction = v.isNumber() ? Long.toString(v.asNumber().longValue()) : v.toString();
            name.append(field.getKey()).append('_').append(direction);
        }
        return name.toString();
    }

    static IndexSpec parseSpec(BsonValue value) {
        if (!value.isDocument()) {
            throw new MongoServerException(ErrorCode.TYPE_MISMATCH, "The 'indexes' field must be an array of objects");
        }
        BsonDocument spec = value.asDocument();
        BsonValue key = spec.get("key");
        if (key == null || !key.isDocument()) {
            throw new MongoServerException(
                    ErrorCode.FAILED_TO_PARSE, "The 'key' field is a required property of an index specification");
        }
        if (key.asDocument().isEmpty()) {
            throw new MongoServerException(ErrorCode.CANNOT_CREATE_INDEX, "Index keys cannot be empty.");
        }
        for (Map.Entry<String, BsonValue> field : key.asDocument().entrySet()) {
            BsonValue direction = field.getValue();
            if (field.getKey().isEmpty()) {
                throw new MongoServerException(ErrorCode.CANNOT_CREATE_INDEX, "Index keys cannot be an empty field.");
            }
            if (direction.isString()) {
                throw new MongoServerException(
                        ErrorCode.CANNOT_CREATE_INDEX,
                        "Index type '" + direction.asString().getValue() + "' is not supported by WrongoDB");
            }
            if (!direction.isNumber() || direction.asNumber().doubleValue() == 0) {
                throw new MongoServerException(
                        ErrorCode.CANNOT_CREATE_INDEX,
                        "Values in the index key pattern can only be numbers or strings; bad value: " + direction);
            }
        }
        Collation.requireSimple(spec.get("collation"));
        for (String option : spec.keySet()) {
            if (NOT_IMPLEMENTED_OPTIONS.contains(option)) {
                throw new MongoServerException(
                        ErrorCode.NOT_IMPLEMENTED, "the index option '" + option + "' is not supported by WrongoDB");
            }
            if (!KNOWN_OPTIONS.contains(option)) {
                throw new MongoServerException(
                        ErrorCode.INVALID_INDEX_SPECIFICATION_OPTION,
                        "The field '" + option + "' is not valid for an index specification. Specification: "
                                + spec.toJson());
            }
        }
        String name = spec.containsKey("name") ? spec.getString("name").getValue() : defaultName(key.asDocument());
        if (name.isEmpty()) {
            throw new MongoServerException(ErrorCode.CANNOT_CREATE_INDEX, "Index name cannot be empty");
        }
        BsonDocument partial = null;
        if (spec.containsKey("partialFilterExpression")) {
            BsonValue filter = spec.get("partialFilterExpression");
            if (!filter.isDocument()) {
                throw new MongoServerException(ErrorCode.TYPE_MISMATCH, "partialFilterExpression must be an object");
            }
            Filter.parse(filter.asDocument());
            partial = filter.asDocument();
        }
        boolean unique = spec.getBoolean("unique", BsonBoolean.FALSE).getValue();
        boolean sparse = spec.getBoolean("sparse", BsonBoolean.FALSE).getValue();
        return new IndexSpec(name, key.asDocument(), unique, sparse, partial, null, false)
                .withExpireAfterSeconds(expireAfterSeconds(spec));
    }

    /** A TTL index's {@code expireAfterSeconds}, checked as MongoDB 7.0 checks it; null when the spec has none. */
    private static Long expireAfterSeconds(BsonDocument spec) {
        BsonValue value = spec.get("expireAfterSeconds");
        if (value == null) {
            return null;
        }
        if (!value.isNumber() && !value.isDecimal128()) {
            throw new MongoServerException(
                    ErrorCode.INVALID_OPTIONS,
                    "TTL index 'expireAfterSeconds' option must be numeric, but received a type of '"
                            + io.wrongodb.bson.TypeNames.of(value) + "'. Index spec: " + ShellFormat.of(spec));
        }
        double seconds = value.isDecimal128()
                ? value.asDecimal128().getValue().bigDecimalValue().doubleValue()
                : value.asNumber().doubleValue();
        if (Double.isNaN(seconds) || seconds < 0) {
            throw new MongoServerException(
                    ErrorCode.INVALID_OPTIONS, "TTL index 'expireAfterSeconds' option cannot be less than 0");
        }
        if (seconds > Integer.MAX_VALUE) {
            throw new MongoServerException(
                    ErrorCode.INVALID_OPTIONS,
                    "TTL index 'expireAfterSeconds' option must be within an acceptable range, try a lower number");
        }
        BsonDocument key = spec.getDocument("key");
        if (key.size() != 1) {
            throw new MongoServerException(
                    ErrorCode.CANNOT_CREATE_INDEX,
                    "TTL indexes are single-field indexes, compound indexes do not support TTL. Index spec: "
                            + ShellFormat.of(spec));
        }
        if (key.getFirstKey().equals("_id")) {
            throw new MongoServerException(
                    ErrorCode.INVALID_INDEX_SPECIFICATION_OPTION,
                    "The field 'expireAfterSeconds' is not valid for an _id index specification. Specification: "
                            + ShellFormat.of(spec));
        }
        return (long) seconds;
    }

    private static boolean sameOptions(IndexSpec a, IndexSpec b) {
        return a.unique() == b.unique()
                && a.sparse() == b.sparse()
                && java.util.Objects.equals(a.partialFilter(), b.partialFilter());
    }

    private record CreateIndexes(Store store) implements Command {
        @Override
        public String name() {
            return "createIndexes";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            Namespace ns = Arguments.namespace(request);
            store.catalog().requireNotView(ns);
            Arguments args = new Arguments(request);
            List<BsonValue> specs = args.array("indexes");
            if (specs.isEmpty()) {
                throw new MongoServerException(ErrorCode.BAD_VALUE, "Must specify at least one index to create");
            }
            List<IndexSpec> wanted = new ArrayList<>();
            for (BsonValue spec : specs) {
                wanted.add(parseSpec(spec));
            }
            boolean created = store.catalog().collection(ns).isEmpty();
            CollectionInfo info = store.catalog().getOrCreate(ns);
            int before = info.indexes().size() + 1;
            int built = 0;
            for (IndexSpec spec : wanted) {
                if (spec.name().equals("_id_") || spec.key().equals(ID_INDEX.getDocument("key"))) {
                    continue;
                }
                IndexSpec existing = sameName(info, spec.name());
                if (existing != null) {
                    if (existing.key().equals(spec.key()) && sameOptions(existing, spec)) {
                        if (java.util.Objects.equals(existing.expireAfterSeconds(), spec.expireAfterSeconds())) {
                            continue;
                        }
                        throw new MongoServerException(
                                ErrorCode.INDEX_OPTIONS_CONFLICT,
                                "An equivalent index already exists with the same name but different options."
                                        + " Requested index: " + ShellFormat.of(spec.describe())
                                        + ", existing index: " + ShellFormat.of(existing.describe()));
                    }
                    // unique, sparse and the partial filter are part of an index's identity, as its key is
                    throw new MongoServerException(
                            ErrorCode.INDEX_KEY_SPECS_CONFLICT,
                            "An existing index has the same name as the requested index. When index names are"
                                    + " not specified, they are auto generated and can cause conflicts. Please"
                                    + " refer to our documentation. Requested index: "
                                    + ShellFormat.of(spec.describe()) + ", existing index: "
                                    + ShellFormat.of(existing.describe()));
                }
                for (IndexSpec other : info.indexes()) {
                    if (other.key().equals(spec.key()) && sameOptions(other, spec)) {
                        throw new MongoServerException(
                                ErrorCode.INDEX_OPTIONS_CONFLICT,
                                "Index already exists with a different name: " + other.name());
                    }
                }
                info = build(ns, info, spec);
                built++;
            }
            BsonDocument reply = new BsonDocument("numIndexesBefore", new BsonInt32(before))
                    .append("numIndexesAfter", new BsonInt32(info.indexes().size() + 1));
            if (built == 0) {
                reply.append("note", new BsonString("all indexes already exist"));
                if (!created) {
                    return reply;
                }
            } else if (built < wanted.size()) {
                reply.append("note", new BsonString("index already exists"));
            }
            return reply.append("createdCollectionAutomatically", BsonBoolean.valueOf(created));
        }

        /** Builds one index; a failure says, as MongoDB's does, which build of which collection failed. */
        private CollectionInfo build(Namespace ns, CollectionInfo info, IndexSpec spec) {
            try {
                return IndexBuild.build(store.catalog(), ns, spec);
            } catch (MongoServerException e) {
                if (e.errorCode() == null) {
                    throw e;
                }
                MongoServerException failed = new MongoServerException(
                        e.errorCode(),
                        "Index build failed: " + UUID.randomUUID() + ": Collection " + ns.full() + " ( " + info.uuid()
                                + " ) :: caused by :: " + e.getMessage(),
                        e);
                failed.extra().putAll(e.extra());
                throw failed;
            }
        }

        private static IndexSpec sameName(CollectionInfo info, String name) {
            return info.index(name).orElse(null);
        }
    }

    private record ListIndexes(Store store) implements Command {
        @Override
        public String name() {
            return "listIndexes";
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            Namespace ns = Arguments.namespace(request);
            store.catalog().requireNotView(ns);
            CollectionInfo info = store.catalog()
                    .collection(ns)
                    .orElseThrow(() ->
                            new MongoServerException(ErrorCode.NAMESPACE_NOT_FOUND, "ns does not exist: " + ns.full()));
            List<BsonDocument> indexes = new ArrayList<>();
            indexes.add(ID_INDEX.clone());
            info.indexes().forEach(index -> indexes.add(index.describe()));
            return CursorReply.complete(ns.full(), indexes);
        }
    }

    private record DropIndexes(Store store) implements Command {
        @Override
        public String name() {
            return "dropIndexes";
        }

        @Override
        public java.util.Set<String> aliases() {
            return Set.of("deleteIndexes");
        }

        @Override
        public BsonDocument run(CommandRequest request) {
            Namespace ns = Arguments.namespace(request);
            store.catalog().requireNotView(ns);
            CollectionInfo info = store.catalog()
                    .collection(ns)
                    .orElseThrow(
                            () -> new MongoServerException(ErrorCode.NAMESPACE_NOT_FOUND, "ns not found " + ns.full()));
            BsonValue index = request.body().get("index");
            if (index == null) {
                throw MongoServerException.location(
                        40414, "BSON field 'dropIndexes.index' is missing but a required field");
            }
            List<String> names = new ArrayList<>();
            if (index.isString() && index.asString().getValue().equals("*")) {
                info.indexes().forEach(i -> names.add(i.name()));
            } else if (index.isString()) {
                names.add(index.asString().getValue());
            } else if (index.isArray()) {
                index.asArray().forEach(v -> names.add(v.asString().getValue()));
            } else if (index.isDocument()) {
                if (index.asDocument().equals(ID_INDEX.getDocument("key"))) {
                    names.add("_id_");
                } else {
                    names.add(info.indexes().stream()
                            .filter(i -> i.key().equals(index.asDocument()))
                            .findFirst()
                            .orElseThrow(() -> new MongoServerException(
                                    ErrorCode.INDEX_NOT_FOUND,
                                    "can't find index with key: " + ShellFormat.of(index.asDocument())))
                            .name());
                }
            }
            for (String name : names) {
                if (name.equals("_id_")) {
                    throw new MongoServerException(ErrorCode.INVALID_OPTIONS, "cannot drop _id index");
                }
                if (info.index(name).isEmpty()) {
                    throw new MongoServerException(
                            ErrorCode.INDEX_NOT_FOUND, "index not found with name [" + name + "]");
                }
            }
            var exclusive = store.catalog().lock(ns).writeLock();
            exclusive.lock();
            try {
                for (String name : names) {
                    store.catalog().dropIndex(ns, name);
                }
            } finally {
                exclusive.unlock();
            }
            return new BsonDocument("nIndexesWas", new BsonInt32(info.indexes().size() + 1));
        }
    }
}
