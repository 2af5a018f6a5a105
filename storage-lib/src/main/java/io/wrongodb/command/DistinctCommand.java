package io.wrongodb.command;

import io.wrongodb.bson.BsonOrder;
import io.wrongodb.catalog.Namespace;
import io.wrongodb.error.MongoServerException;
import io.wrongodb.query.Filter;
import io.wrongodb.query.IndexKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * {@code distinct}: the different values of {@code key} among the documents matching {@code query}. An array at the
 * key counts each of its elements, as in MongoDB; values come back in MongoDB's sort order.
 */
public final class DistinctCommand implements Command {
    private final Store store;

    public DistinctCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "distinct";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        String key = args.string("key", null);
        if (key == null) {
            throw MongoServerException.location(40414, "BSON field 'distinct.key' is missing but a required field");
        }
        Filter filter = Filter.parse(args.document("query", new BsonDocument()));
        Collation.requireSimple(request.body().get("collation"));
        TreeSet<org.bson.BsonValue> values = new TreeSet<>(BsonOrder.INSTANCE);
        for (BsonDocument document :
                ViewReads.matching(store, ns, filter, request.body().get("hint"))) {
            addValues(document, key, values);
        }
        return new BsonDocument("values", new BsonArray(new ArrayList<>(values)));
    }

    private static void addValues(BsonDocument document, String key, TreeSet<org.bson.BsonValue> values) {
        List<org.bson.BsonValue> found = new ArrayList<>();
        IndexKeys.valuesAt(document, key, found);
        for (org.bson.BsonValue v : found) {
            if (v.getBsonType() != org.bson.BsonType.UNDEFINED) {
                values.add(v);
            }
        }
    }
}
