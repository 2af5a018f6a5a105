package io.wrongodb.command;

import io.wrongodb.catalog.Namespace;
import io.wrongodb.query.Filter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;

/** {@code count}: how many documents match {@code query}, after {@code skip} and up to {@code limit}. */
public final class CountCommand implements Command {
    private final Store store;

    public CountCommand(Store store) {
        this.store = store;
    }

    @Override
    public String name() {
        return "count";
    }

    @Override
    public BsonDocument run(CommandRequest request) {
        Namespace ns = Arguments.namespace(request);
        Arguments args = new Arguments(request);
        Filter filter = Filter.parse(args.document("query", new BsonDocument()));
        long skip = Math.max(0, args.number("skip", 0));
        long limit = Math.abs(args.number("limit", 0));
        Collation.requireSimple(request.body().get("collation"));
        long n = ViewReads.matching(store, ns, filter, request.body().get("hint"))
                .size();
        n = Math.max(0, n - skip);
        if (limit > 0) {
            n = Math.min(n, limit);
        }
        return new BsonDocument("n", new BsonInt32((int) n));
    }
}
